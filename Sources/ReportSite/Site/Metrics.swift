/// Every metric with the figures published for it, from every document,
/// checked: known metric, known organisation, matching unit, and no two
/// documents giving different values for the same thing.
public struct Metrics: Sendable {
    public struct Observation: Sendable {
        public var figure: Figure
        /// The organisation the figure is for (the figure's own, or its document's).
        public var organisation: String
        /// The document that reported it.
        public var document: Document
    }

    public struct Series: Sendable {
        public var definition: MetricDefinition
        /// Ordered by period, then organisation, then category.
        public var observations: [Observation]

        public var hasCategories: Bool { observations.contains { $0.figure.category != nil } }
    }

    public var definitions: [MetricDefinition]
    public var series: [String: Series]

    public func series(_ id: String) -> Series? { series[id] }

    static func build(
        definitions: [MetricDefinition], documents: [Document], config: SiteConfig, diagnostics: inout DiagnosticBag
    ) -> Metrics {
        let byID = Dictionary(definitions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var observations: [String: [Observation]] = [:]
        var seen: [String: Observation] = [:]  // metric|period|organisation|category
        let live = documents.filter { $0.metadata != nil && $0.metadata?.status != .withdrawn }.sorted { $0.path < $1.path }
        for document in live {
            for figure in document.metadata!.figures {
                guard let definition = byID[figure.metric] else {
                    diagnostics.error(document.path, figure.metricPosition, "unknown metric '\(figure.metric)'",
                        note: Suggestion.note(for: figure.metric, in: byID.keys.sorted())
                            ?? "metrics are defined in \(MetricDefinition.path)")
                    continue
                }
                let organisation = figure.organisation ?? document.metadata!.organisation
                guard config.organisation(organisation) != nil else {
                    diagnostics.error(document.path, figure.position, "unknown organisation '\(organisation)'",
                        note: Suggestion.note(for: organisation, in: config.organisations.map(\.id)))
                    continue
                }
                if let unit = figure.unit, Metrics.normalisedUnit(unit) != Metrics.normalisedUnit(definition.unit) {
                    diagnostics.error(document.path, figure.position,
                        "this figure is in \(unit), but \(definition.id) counts \(definition.isPercentage ? "percent" : definition.unit)",
                        note: "figures of one metric share its unit; define another metric for other units")
                    continue
                }
                let observation = Observation(figure: figure, organisation: organisation, document: document)
                let key = [figure.metric, figure.period.description, organisation, figure.category ?? ""].joined(separator: "|")
                if let first = seen[key] {
                    if first.figure.value != figure.value {
                        let where_ = "\(first.document.path)" + (first.figure.position.map { ":\($0.line)" } ?? "")
                        diagnostics.error(document.path, figure.position,
                            "\(definition.id) for \(figure.period.label)\(figure.category.map { ", \($0)" } ?? "") (\(organisation)) is \(definition.chartUnit.format(figure.value)) here but \(definition.chartUnit.format(first.figure.value)) in \(where_)",
                            note: "one of the two is wrong; correct it, or give the figures different periods or categories")
                    }
                    continue
                }
                seen[key] = observation
                observations[figure.metric, default: []].append(observation)
            }
        }
        var series: [String: Series] = [:]
        for definition in definitions {
            let sorted = (observations[definition.id] ?? []).sorted {
                ($0.figure.period, $0.organisation, $0.figure.category ?? "") < ($1.figure.period, $1.organisation, $1.figure.category ?? "")
            }
            series[definition.id] = Series(definition: definition, observations: sorted)
        }
        for document in live {
            for chart in document.charts {
                guard byID[chart.metric] != nil else {
                    diagnostics.error(document.path, chart.position, "the chart names unknown metric '\(chart.metric)'",
                        note: Suggestion.note(for: chart.metric, in: byID.keys.sorted()) ?? "metrics are defined in \(MetricDefinition.path)")
                    continue
                }
                for organisation in chart.organisations where config.organisation(organisation) == nil {
                    diagnostics.error(document.path, chart.position, "the chart names unknown organisation '\(organisation)'",
                        note: Suggestion.note(for: organisation, in: config.organisations.map(\.id)))
                }
            }
        }
        return Metrics(definitions: definitions, series: series)
    }

    static func normalisedUnit(_ unit: String) -> String {
        let lower = unit.lowercased()
        return lower == "%" || lower == "percent" || lower == "percentage" ? "percent" : lower
    }
}
