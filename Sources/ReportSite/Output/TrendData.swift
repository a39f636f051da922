import Foundation

/// `/trends/<metric>/<metric>.csv` and `.json`: every figure of a metric, with
/// the document that reported it, for people who want the data itself.
enum TrendData {
    struct JSONFigure: Codable {
        let period: String
        let periodLabel: String
        let organisation: String
        let organisationName: String
        let category: String?
        let value: Double
        let note: String?
        let source: String
        let sourceURL: String
    }

    struct JSONMetric: Codable {
        let id: String
        let title: String
        let unit: String
        let description: String
        let higherIsBetter: Bool?
        let figures: [JSONFigure]
    }

    static func render(_ graph: SiteGraph) -> [OutputFile] {
        var files: [OutputFile] = []
        for definition in graph.metrics.definitions {
            let observations = graph.metrics.series(definition.id)?.observations ?? []
            let figures = observations.map { observation in
                JSONFigure(
                    period: observation.figure.period.description, periodLabel: observation.figure.period.label,
                    organisation: observation.organisation,
                    organisationName: graph.config.organisation(observation.organisation)?.name ?? observation.organisation,
                    category: observation.figure.category, value: observation.figure.value, note: observation.figure.note,
                    source: observation.document.title, sourceURL: graph.absoluteURL(SiteGraph.path(of: observation.document)))
            }
            let base = "trends/\(definition.id)/\(definition.id)"
            var csv = "metric,period,period_label,organisation,organisation_name,category,value,unit,note,source,source_url\r\n"
            for figure in figures {
                let value = NumberFormat.grouped(figure.value, decimals: definition.chartUnit.decimals).replacing(",", with: "")
                csv += [definition.id, figure.period, figure.periodLabel, figure.organisation, figure.organisationName,
                    figure.category ?? "", value, definition.unit, figure.note ?? "", figure.source, figure.sourceURL]
                    .map(field).joined(separator: ",") + "\r\n"
            }
            files.append(OutputFile(path: base + ".csv", data: Data(csv.utf8)))
            let json = JSONMetric(
                id: definition.id, title: definition.title, unit: definition.unit, description: definition.description,
                higherIsBetter: definition.higherIsBetter, figures: figures)
            files.append(OutputFile(path: base + ".json", data: ((try? OpenData.encoder().encode(json)) ?? Data()) + Data("\n".utf8)))
        }
        return files
    }

    /// RFC 4180 quoting, and a leading apostrophe for values a spreadsheet
    /// would run as a formula.
    static func field(_ text: String) -> String {
        var text = text
        if let first = text.first, "=+-@".contains(first), Double(text) == nil { text = "'" + text }
        guard text.contains(where: { ",\"\r\n".contains($0) }) else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }
}
