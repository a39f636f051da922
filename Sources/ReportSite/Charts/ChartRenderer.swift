/// Draws a chart as an SVG string: data in, markup out, nothing else.
///
/// The SVG has a `viewBox` and no width or height, so it takes the width of
/// its container; it has no script and names no font (text inherits the
/// page's). Its `<title>` states the message and its `<desc>` the trend.
///
/// Accessibility of the links: an element with `role="img"` hides its
/// children from assistive technology, so links inside it would take
/// keyboard focus without being announced (axe-core's `nested-interactive`
/// rule fails such a chart). A chart whose points link to documents is
/// therefore `role="group"`, named by its title and described by its desc;
/// its drawing is `aria-hidden` and each link is named by its own `<title>`
/// ("Suffolk, 2016/17: 22,404 contacts. Source: …"). A chart without links
/// is `role="img"`, labelled by its title and desc.
public enum ChartRenderer {
    /// The chart as SVG markup, the same bytes every time for the same spec.
    public static func svg(_ spec: ChartSpec) -> String {
        let ids = ChartIDs(spec.id)
        let layout = ChartLayout(spec)
        var svg = SVGWriter()
        // Bars whose category labels would have to be angled turn on their side instead.
        if spec.kind == .bar && layout.xLabels.rotated {
            let horizontal = HorizontalBarLayout(spec)
            svg.header(spec, ids: ids, height: horizontal.height, classes: "rs-chart--bar rs-chart--horizontal")
            svg.open("g", ["aria-hidden": "true"])
            svg.axes(horizontal)
            svg.key(horizontal.key, kind: .bar, ids: ids)
            svg.close("g")
            svg.bars(horizontal, ids: ids)
            svg.barValues(horizontal)
        } else {
            svg.header(spec, ids: ids, height: layout.height, classes: spec.kind == .line ? "rs-chart--line" : "rs-chart--bar")
            svg.open("g", ["aria-hidden": "true"])
            svg.axes(layout)
            svg.key(layout.key, kind: spec.kind, ids: ids)
            if spec.kind == .line { svg.lines(layout) }
            svg.close("g")
            switch spec.kind {
            case .line: svg.markers(layout)
            case .bar: svg.bars(layout, ids: ids); svg.barValues(layout)
            }
        }
        svg.close("svg")
        return svg.text
    }

    /// The accessible name of a point's link:
    /// "Suffolk, 2016/17: 22,404 contacts (provisional). Source: Board report AP17/47".
    static func pointName(series: ChartSeries, point: ChartPoint, value: Double, unit: ChartUnit) -> String {
        var name = series.name.isEmpty ? "" : series.name + ", "
        name += "\(point.label): \(unit.formatWithName(value))"
        if let note = point.note, !note.isEmpty { name += " (\(note))" }
        if let source = point.sourceTitle, !source.isEmpty { name += ". Source: \(source)" }
        return name
    }
}

/// Element ids derived from the chart's id, which must be unique on the page.
struct ChartIDs {
    let base: String

    /// Characters other than letters, digits, `-` and `_` become `-`; an id
    /// that would not start with a letter gets the prefix `chart-`.
    init(_ id: String) {
        let cleaned = String(id.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-" })
        base = cleaned.first.map { $0.isASCII && $0.isLetter } == true ? cleaned : "chart-" + cleaned
    }

    var title: String { base + "-title" }
    var desc: String { base + "-desc" }
    func pattern(_ series: Int) -> String { base + "-pattern-\(series + 1)" }
}

// MARK: - The opening of the SVG

extension SVGWriter {
    /// The opening `<svg>`, its title, desc, style sheet and bar patterns.
    mutating func header(_ spec: ChartSpec, ids: ChartIDs, height: Double, classes: String) {
        let linked = spec.series.contains { $0.valued.contains { $0.point.href != nil } }
        open("svg", [
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": "0 0 \(SVGWriter.number(ChartLayout.width)) \(SVGWriter.number(height))",
            "class": "\(ChartStyle.root) \(classes)",
            "role": linked ? "group" : "img",
            "aria-labelledby": linked ? ids.title : "\(ids.title) \(ids.desc)",
            "aria-describedby": linked ? ids.desc : nil,
        ])
        element("title", ["id": ids.title], content: spec.title)
        element("desc", ["id": ids.desc], content: spec.description)
        open("style")
        raw(ChartStyle.css)
        close("style")
        if spec.kind == .bar { patterns(count: spec.series.count, ids: ids) }
    }
}
