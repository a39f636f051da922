/// `/trends/`: every metric with a small chart.
struct TrendsContext {
    struct Metric {
        let title: String
        let href: String
        let description: String
        let headline: String
        let chartSVGHTML: TrustedHTML
        let countLabel: String
    }

    let layout: LayoutContext
    let title: String
    let metrics: [Metric]
}

/// `/trends/<metric>/`: one metric in full: chart, trend in words, every
/// figure with its source, and downloads.
struct TrendContext {
    let layout: LayoutContext
    let title: String
    let description: String
    let direction: String?
    let figureHTML: TrustedHTML
    let csvHref: String
    let jsonHref: String
    let trendsHref: String
}

extension SiteRenderer {
    func trendPages() -> [(path: String, template: String, context: Any)] {
        let charts = ChartHTML(graph: graph)
        var pages: [(path: String, template: String, context: Any)] = []
        var entries: [TrendsContext.Metric] = []
        for definition in graph.metrics.definitions {
            guard let data = graph.metrics.series(definition.id) else { continue }
            let path = "/trends/\(definition.id)/"
            let block = ChartBlock(metric: definition.id, type: nil, organisations: [], from: nil, to: nil, position: SourcePosition(line: 0, column: 0))
            let (spec, observations) = charts.spec(block, series: data, id: "trend-\(definition.id)")
            entries.append(TrendsContext.Metric(
                title: definition.title, href: graph.href(path), description: definition.description, headline: spec.title,
                chartSVGHTML: TrustedHTML(observations.isEmpty ? "" : ChartRenderer.svg(spec)),
                countLabel: "\(observations.count) figure\(observations.count == 1 ? "" : "s")"))
            let direction = definition.higherIsBetter.map { $0 ? "A higher figure is better." : "A lower figure is better." }
            pages.append((String(path.dropFirst()) + "index.html", "trend", TrendContext(
                layout: LayoutContext(graph: graph, pageTitle: definition.title, description: definition.description, sitePath: path),
                title: definition.title, description: definition.description, direction: direction,
                figureHTML: charts.render(block, id: "chart-\(definition.id)"),
                csvHref: graph.href(path + definition.id + ".csv"), jsonHref: graph.href(path + definition.id + ".json"),
                trendsHref: graph.href("/trends/"))))
        }
        pages.append(("trends/index.html", "trends", TrendsContext(
            layout: LayoutContext(graph: graph, pageTitle: "Trends", description: "The figures the documents report, over time.", sitePath: "/trends/"),
            title: "Trends", metrics: entries)))
        return pages
    }
}
