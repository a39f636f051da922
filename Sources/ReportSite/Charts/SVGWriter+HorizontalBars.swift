/// Horizontal bar charts: axes, bars inside their links, and value labels.
extension SVGWriter {
    /// Vertical gridlines and zero line, value ticks along the bottom, category labels at the left.
    mutating func axes(_ layout: HorizontalBarLayout) {
        typealias N = SVGWriter
        let top = N.number(layout.plotTop), bottom = N.number(layout.plotBottom)
        open("g", ["class": "rs-chart__grid", "stroke": "currentColor", "stroke-opacity": "0.2", "stroke-width": "1"])
        for tick in layout.scale.ticks where tick != layout.scale.barBase {
            let x = N.number(layout.x(tick))
            element("line", ["x1": x, "y1": top, "x2": x, "y2": bottom])
        }
        close("g")
        let base = N.number(layout.x(layout.scale.barBase))
        element("path", [
            "class": "rs-chart__axis", "d": "M\(base) \(top)V\(bottom)", "fill": "none", "stroke": "currentColor",
            "stroke-width": "1.5",
        ])
        open("g", ["class": "rs-chart__text", "fill": "currentColor", "font-size": N.number(ChartLayout.fontSize)])
        for (tick, label) in zip(layout.scale.ticks, layout.tickLabels) {
            element("text", [
                "class": "rs-chart__tick-label", "x": N.number(layout.x(tick)),
                "y": N.number(layout.plotBottom + 8 + ChartLayout.lineHeight - 4), "text-anchor": "middle",
            ], content: label)
        }
        textLines(layout.categoryLabel, x: ChartLayout.pad, top: layout.categoryLabelTop, anchor: "start", className: "rs-chart__axis-label")
        for (index, lines) in layout.labels.enumerated() {
            let block = Double(lines.count) * ChartLayout.lineHeight
            let top = layout.bandTops[index] + (layout.bandHeights[index] - block) / 2
            textLines(lines, x: ChartLayout.pad, top: top, anchor: "start", className: "rs-chart__category-label")
        }
        textLines(layout.valueLabel, x: (layout.plotLeft + layout.plotRight) / 2, top: layout.valueLabelTop, anchor: "middle", className: "rs-chart__axis-label")
        close("g")
    }

    /// Every bar, in its link when the figure has a source.
    mutating func bars(_ layout: HorizontalBarLayout, ids: ChartIDs) {
        seriesBars(layout.spec, ids: ids) { series, band, value in
            Self.barBox(layout, series: series, band: band, value: value)
        }
    }

    /// Each value just past the end of its bar, drawn after the bars so that a focus ring never covers it.
    mutating func barValues(_ layout: HorizontalBarLayout) {
        guard layout.showsValues else { return }
        open("g", ["class": "rs-chart__values", "aria-hidden": "true", "fill": "currentColor", "font-size": SVGWriter.number(ChartLayout.valueFontSize)])
        for (index, series) in layout.spec.series.enumerated() {
            for (band, _, value) in series.valued {
                let box = Self.barBox(layout, series: index, band: band, value: value)
                let y = box.y + box.height / 2 + ChartLayout.valueFontSize * 0.35
                element("text", [
                    "class": "rs-chart__value", "x": SVGWriter.number(value < 0 ? box.x - 4 : box.x + box.width + 4),
                    "y": SVGWriter.number(y), "text-anchor": value < 0 ? "end" : "start",
                ], content: layout.spec.unit.format(value))
            }
        }
        close("g")
    }

    /// A bar from the base to its value; a zero bar is a thin line so it still shows (and takes focus).
    private static func barBox(_ layout: HorizontalBarLayout, series: Int, band: Int, value: Double)
        -> (x: Double, y: Double, width: Double, height: Double)
    {
        let base = layout.x(layout.scale.barBase), end = layout.x(value)
        var left = min(base, end), width = abs(end - base)
        if width < 2 { left = base; width = 2 }
        return (left, layout.barTop(series: series, band: band), width, HorizontalBarLayout.thickness(series: layout.spec.series.count))
    }
}
