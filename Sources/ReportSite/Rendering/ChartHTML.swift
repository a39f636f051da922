import Foundation

/// Draws a metric's figures as a chart with everything that makes it
/// usable: a headline, the trend in words, the data as a table with a link to
/// each source, and CSV and JSON downloads.
struct ChartHTML {
    let graph: SiteGraph

    /// The chart's series for `block`: one per organisation over periods, or,
    /// for figures by category, one per organisation over the categories of the
    /// latest period.
    func spec(_ block: ChartBlock, series data: Metrics.Series, id: String) -> (ChartSpec, [Metrics.Observation]) {
        let definition = data.definition
        let from = block.from.flatMap(Period.init), to = block.to.flatMap(Period.init)
        var observations = data.observations.filter { observation in
            (block.organisations.isEmpty || block.organisations.contains(observation.organisation))
                && from.map { observation.figure.period >= $0 } ?? true && to.map { observation.figure.period <= $0 } ?? true
        }
        let organisations = orderedUnique(observations.map(\.organisation))
        let chartSeries: [ChartSeries]
        let kind: ChartKind
        let xAxisLabel: String
        if data.hasCategories {
            let latest = observations.map(\.figure.period).max()
            observations = observations.filter { $0.figure.period == latest }
            let categories = orderedUnique(observations.compactMap(\.figure.category))
            chartSeries = organisations.map { organisation in
                ChartSeries(name: name(organisation), points: categories.map { category in
                    point(observations.first { $0.organisation == organisation && $0.figure.category == category }, label: category)
                })
            }
            kind = .bar
            xAxisLabel = latest.map { "Category (\($0.label))" } ?? "Category"
        } else {
            let periods = orderedUnique(observations.map(\.figure.period)).sorted()
            chartSeries = organisations.map { organisation in
                ChartSeries(name: name(organisation), points: periods.map { period in
                    point(observations.first { $0.organisation == organisation && $0.figure.period == period }, label: period.label)
                })
            }
            kind = block.type == "bar" ? .bar : block.type == "line" ? .line : (periods.count <= 1 ? .bar : .line)
            xAxisLabel = "Period"
        }
        let unit = definition.chartUnit
        let title: String
        let description: String
        if chartSeries.isEmpty {
            title = definition.title
            description = "No figures have been published yet."
        } else if data.hasCategories {
            // Categories are not a time series: say which is highest and lowest, not "rose" or "fell".
            let latest = observations.map(\.figure.period).max()
            title = "\(definition.title) by category" + (latest.map { ", \($0.label)" } ?? "")
            description = chartSeries.map { series in
                let valued = series.points.compactMap { point in point.value.map { (point.label, $0) } }.sorted { $0.1 > $1.1 }
                guard let top = valued.first, let bottom = valued.last, valued.count > 1 else {
                    return valued.first.map { "\(series.name): \($0.0), \(unit.formatWithName($0.1))." } ?? ""
                }
                return "\(series.name): highest for \(top.0), at \(unit.formatWithName(top.1)); lowest for \(bottom.0), at \(unit.formatWithName(bottom.1))."
            }.joined(separator: " ")
        } else {
            title = chartSeries.count == 1
                ? TrendWords.headline(series: chartSeries[0], unit: unit, metricTitle: definition.title) : definition.title
            description = TrendWords.describe(series: chartSeries, unit: unit, metricTitle: definition.title)
        }
        // Zero-based by default: a short line drawn on a cut axis makes a small change look large.
        let spec = ChartSpec(
            id: id, kind: kind, title: title, description: description,
            yAxisLabel: definition.isPercentage ? "\(definition.title) (%)" : "\(definition.title) (\(definition.unit))",
            xAxisLabel: xAxisLabel, series: chartSeries, unit: unit, baseline: .zero)
        return (spec, observations)
    }

    /// The whole figure: chart, words, table and downloads.
    func render(_ block: ChartBlock, id: String, headingLevel: Int = 3) -> TrustedHTML {
        guard let data = graph.metrics.series(block.metric) else { return TrustedHTML("") }
        let definition = data.definition
        let (spec, observations) = spec(block, series: data, id: id)
        let showCategory = data.hasCategories
        var html = "<figure class=\"chart\" id=\"\(id)\">\n"
        html += "<figcaption class=\"chart__caption\"><strong class=\"chart__title\">\(escapeHTML(spec.title))</strong></figcaption>\n"
        if observations.isEmpty {
            html += "<p>No figures have been published for \(escapeHTML(definition.title)) yet.</p>\n</figure>\n"
            return TrustedHTML(html)
        }
        html += ChartRenderer.svg(spec) + "\n"
        html += "<p class=\"chart__description\">\(escapeHTML(spec.description))</p>\n"
        html += "<table class=\"table chart__data\">\n<caption>The figures in this chart</caption>\n<thead><tr>"
        html += "<th scope=\"col\">Period</th><th scope=\"col\">Organisation</th>"
        if showCategory { html += "<th scope=\"col\">Category</th>" }
        html += "<th scope=\"col\" class=\"table__numeric\">\(escapeHTML(definition.isPercentage ? "Value" : definition.unit.prefix(1).uppercased() + definition.unit.dropFirst()))</th>"
        html += "<th scope=\"col\">Reported in</th></tr></thead>\n<tbody>\n"
        for observation in observations {
            html += "<tr><td>\(escapeHTML(observation.figure.period.label))</td><td>\(escapeHTML(name(observation.organisation)))</td>"
            if showCategory { html += "<td>\(escapeHTML(observation.figure.category ?? ""))</td>" }
            html += "<td class=\"table__numeric\">\(escapeHTML(definition.chartUnit.format(observation.figure.value)))"
            if let note = observation.figure.note { html += "<br><span class=\"chart__note\">\(escapeHTML(note))</span>" }
            html += "</td><td><a href=\"\(escapeHTML(graph.href(SiteGraph.path(of: observation.document))))\">\(escapeHTML(observation.document.title))</a></td></tr>\n"
        }
        html += "</tbody>\n</table>\n"
        let base = "/trends/\(definition.id)/"
        html += "<p class=\"chart__downloads\">Download the figures: <a href=\"\(graph.href(base + definition.id + ".csv"))\">CSV</a>, "
        html += "<a href=\"\(graph.href(base + definition.id + ".json"))\">JSON</a>. "
        html += "<a href=\"\(graph.href(base))\">Every figure for \(escapeHTML(definition.title))</a>.</p>\n</figure>\n"
        return TrustedHTML(html)
    }

    /// Replaces every chart placeholder in a rendered page with its chart.
    /// A digest of everything charts are drawn from (figures, their
    /// documents' titles and addresses, metric definitions, organisation
    /// names), for page fingerprints.
    func salt() -> String {
        var text = graph.basePath + "\n" + graph.config.organisations.map { "\($0)" }.joined(separator: "\n") + "\n"
        for id in graph.metrics.series.keys.sorted() {
            let series = graph.metrics.series[id]!
            text += "\(series.definition)\n"
            for observation in series.observations {
                text += "\(observation.figure)\t\(observation.organisation)\t\(observation.document.path)\t"
                    + "\(observation.document.title)\t\(SiteGraph.path(of: observation.document))\n"
            }
        }
        return IntegrityLock.sha256(Data(text.utf8))
    }

    /// As `fill(_: String)`, for a page's bytes: most pages have no chart
    /// and come back as they are, without becoming a `String`.
    func fill(_ page: Data) -> Data {
        guard HTMLScan.contains(ChartBlock.placeholderPrefix, in: page) else { return page }
        return Data(fill(String(decoding: page, as: UTF8.self)).utf8)
    }

    func fill(_ page: String) -> String {
        // Most pages have no chart: a byte scan rules them out cheaply
        // (Foundation's String.contains showed up at 7 % of a build's time).
        guard HTMLScan.contains(ChartBlock.placeholderPrefix, in: page) else { return page }
        var out = ""
        var rest = page[...]
        var count = 0
        while let start = rest.range(of: ChartBlock.placeholderPrefix) {
            out += rest[..<start.lowerBound]
            guard let end = rest[start.lowerBound...].range(of: "-->") else { break }
            let placeholder = String(rest[start.lowerBound..<end.upperBound])
            if let block = ChartBlock(placeholder: placeholder) {
                count += 1
                out += render(block, id: "chart-\(count)-\(block.metric)").html
            }
            rest = rest[end.upperBound...]
        }
        return out + rest
    }

    private func point(_ observation: Metrics.Observation?, label: String) -> ChartPoint {
        ChartPoint(
            label: label, value: observation?.figure.value,
            href: observation.map { graph.href(SiteGraph.path(of: $0.document)) }, note: observation?.figure.note,
            sourceTitle: observation?.document.title)
    }

    private func name(_ organisation: String) -> String {
        graph.config.organisation(organisation)?.name ?? organisation
    }

    private func orderedUnique<T: Hashable>(_ items: [T]) -> [T] {
        var seen: Set<T> = []
        return items.filter { seen.insert($0).inserted }
    }
}
