import Yams

/// A figure a document reports, declared in its front matter so it becomes data:
///
/// ```yaml
/// figures:
///   - {metric: mash-contacts, period: 2016-06..2017-06, value: 22404}
///   - {metric: detection-rate, period: 2014-03-25, value: 48.1, category: Rape}
/// ```
public struct Figure: Sendable, Hashable, YAMLDecodable, Codable {
    public var metric: String
    public var period: Period
    public var value: Double
    /// Defaults to the document's organisation.
    public var organisation: String?
    /// For figures broken down by category (e.g. officers per unit).
    public var category: String?
    /// Optional unit, checked against the metric's.
    public var unit: String?
    public var note: String?
    public var position: SourcePosition?
    public var metricPosition: SourcePosition?

    public static func decode(_ node: Node, _ reader: YAMLReader) -> Figure? {
        guard let fields = reader.fields(node, "a figure") else { return nil }
        let metric: String? = fields.required("metric")
        let metricPosition = fields.node("metric").flatMap(reader.position)
        let period: Period? = fields.required("period")
        let valueNode = fields.node("value")
        let organisation: String? = fields.optional("organisation")
        let category: String? = fields.optional("category")
        let unit: String? = fields.optional("unit")
        let note: String? = fields.optional("note")
        fields.finish()
        guard let valueNode else {
            reader.error(node, "missing required key 'value' in a figure")
            return nil
        }
        guard let text = reader.scalar(valueNode, expecting: "a number") else { return nil }
        let cleaned = text.replacing(",", with: "").replacing("%", with: "")
        guard let value = Double(cleaned), value.isFinite else {
            reader.error(valueNode, "'\(text)' is not a number", note: "write the figure as digits, e.g. 22404 or 48.1")
            return nil
        }
        guard let metric, let period else { return nil }
        return Figure(
            metric: metric, period: period, value: value, organisation: organisation, category: category,
            unit: unit ?? (text.hasSuffix("%") ? "percent" : nil), note: note, position: reader.position(node),
            metricPosition: metricPosition)
    }
}

/// `Content/data/metrics.yml`: what each figure measures.
public struct MetricDefinition: Sendable, Hashable, YAMLDecodable, Codable {
    public var id: String
    public var title: String
    /// "contacts", "children", or "percent" for percentages.
    public var unit: String
    public var description: String
    /// Whether a rise is good news (nil when neither).
    public var higherIsBetter: Bool?
    public var decimals: Int?
    public var position: SourcePosition?

    public var isPercentage: Bool { unit == "percent" || unit == "%" }

    public var chartUnit: ChartUnit {
        isPercentage ? .percentage(decimals: decimals ?? 1) : ChartUnit(name: unit, decimals: decimals ?? 0)
    }

    public static func decode(_ node: Node, _ reader: YAMLReader) -> MetricDefinition? {
        guard let fields = reader.fields(node, "a metric") else { return nil }
        let id: String? = fields.required("id")
        let title: String? = fields.required("title")
        let unit: String? = fields.required("unit")
        let description: String? = fields.required("description")
        let higher: String? = fields.optional("higher_is_better")
        let decimals: Int? = fields.optional("decimals")
        fields.finish()
        var higherIsBetter: Bool?
        if let higher {
            switch higher.lowercased() {
            case "true", "yes": higherIsBetter = true
            case "false", "no": higherIsBetter = false
            default:
                reader.error(fields.node("higher_is_better"), "'\(higher)' is not true or false")
                return nil
            }
        }
        guard let id, let title, let unit, let description else { return nil }
        if !ContentLoader.isValidSlug(id) {
            reader.error(fields.node("id"), "the metric id '\(id)' cannot be used in a web address",
                note: "use lower-case letters, digits and hyphens, e.g. mash-contacts")
            return nil
        }
        return MetricDefinition(
            id: id, title: title, unit: unit, description: description, higherIsBetter: higherIsBetter,
            decimals: decimals, position: reader.position(node))
    }

    static let path = "\(ContentLoader.contentFolder)/data/metrics.yml"

    /// Reads `Content/data/metrics.yml` if there is one.
    static func load(from fileSystem: FileSystem, diagnostics: inout DiagnosticBag, sources: inout [String: SourceFile]) -> [MetricDefinition] {
        guard fileSystem.exists(path) else { return [] }
        do {
            let source = try fileSystem.readText(path)
            sources[path] = source
            let reader = YAMLReader(file: path, firstLine: 1)
            defer { diagnostics.append(contentsOf: reader.diagnostics.all) }
            guard let root = reader.compose(source.text), let fields = reader.fields(root, "metrics.yml") else { return [] }
            let metrics: [MetricDefinition]? = fields.required("metrics")
            fields.finish()
            var seen: Set<String> = []
            for metric in metrics ?? [] where !seen.insert(metric.id).inserted {
                reader.error(at: metric.position, "the metric id '\(metric.id)' is defined twice")
            }
            return metrics ?? []
        } catch {
            diagnostics.append(ContentLoader.asDiagnostic(error, path: path))
            return []
        }
    }
}
