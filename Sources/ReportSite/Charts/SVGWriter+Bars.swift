/// Bar charts: patterns, bars inside their links, and value labels.
extension SVGWriter {
    /// One pattern per series past the first (the first is solid): stripes
    /// or dots in the page background colour over the series colour.
    mutating func patterns(count: Int, ids: ChartIDs) {
        let used = (0..<count).filter { BarPattern.forSeries($0) != .solid }
        guard !used.isEmpty else { return }
        open("defs")
        for series in used {
            let pattern = BarPattern.forSeries(series)
            let rotated = pattern == .diagonal || pattern == .crossHatch
            open("pattern", [
                "id": ids.pattern(series), "width": "8", "height": "8", "patternUnits": "userSpaceOnUse",
                "patternTransform": rotated ? "rotate(45)" : nil,
            ])
            switch pattern {
            case .solid: break
            case .diagonal, .vertical: hatch("M4 0V8")
            case .horizontal: hatch("M0 4H8")
            case .crossHatch: hatch("M4 0V8M0 4H8", width: 2)
            case .dots: element("circle", ["class": "rs-chart__dot", "cx": "4", "cy": "4", "r": "2", "fill": "#ffffff"])
            }
            close("pattern")
        }
        close("defs")
    }

    /// Stripes of a pattern, in the background colour.
    private mutating func hatch(_ d: String, width: Double = 2.5) {
        element("path", ["class": "rs-chart__hatch", "d": d, "stroke": "#ffffff", "stroke-width": SVGWriter.number(width)])
    }

    /// A bar's shape: its colour, then its pattern over it.
    mutating func barShape(x: Double, y: Double, width: Double, height: Double, series: Int, ids: ChartIDs, hidden: Bool = false) {
        let box = (SVGWriter.number(x), SVGWriter.number(y), SVGWriter.number(width), SVGWriter.number(height))
        element("rect", [
            "class": ChartStyle.bar, "x": box.0, "y": box.1, "width": box.2, "height": box.3,
            "fill": ChartPalette.light(series).hex, "aria-hidden": hidden ? "true" : nil,
        ])
        if BarPattern.forSeries(series) != .solid {
            element("rect", [
                "class": "rs-chart__pattern", "x": box.0, "y": box.1, "width": box.2, "height": box.3,
                "fill": "url(#\(ids.pattern(series)))", "aria-hidden": hidden ? "true" : nil,
            ])
        }
    }

    /// Every bar, in its link when the figure has a source.
    mutating func bars(_ layout: ChartLayout, ids: ChartIDs) {
        guard let geometry = layout.bars else { return }
        seriesBars(layout.spec, ids: ids) { series, pointIndex, value in
            Self.barBox(layout, geometry, series: series, pointIndex: pointIndex, value: value)
        }
    }

    /// Each series' bars, placed by `box` (series, point or band, value),
    /// each in a link to its source when it has one; shared by upright and
    /// horizontal bar charts.
    mutating func seriesBars(
        _ spec: ChartSpec, ids: ChartIDs,
        box place: (Int, Int, Double) -> (x: Double, y: Double, width: Double, height: Double)
    ) {
        for (index, series) in spec.series.enumerated() {
            let valued = series.valued
            guard !valued.isEmpty else { continue }
            open("g", ["class": "rs-chart__series rs-chart__series--\(index + 1)"])
            for (pointIndex, point, value) in valued {
                let box = place(index, pointIndex, value)
                if let href = point.href {
                    open("a", ["class": ChartStyle.point, "href": href])
                    element("title", content: ChartRenderer.pointName(series: series, point: point, value: value, unit: spec.unit))
                    element("rect", [
                        "class": ChartStyle.focus, "x": SVGWriter.number(box.x - 4), "y": SVGWriter.number(box.y - 4),
                        "width": SVGWriter.number(box.width + 8), "height": SVGWriter.number(box.height + 8),
                        "fill": "#ffffff", "fill-opacity": "0",
                    ])
                    barShape(x: box.x, y: box.y, width: box.width, height: box.height, series: index, ids: ids)
                    close("a")
                } else {
                    barShape(x: box.x, y: box.y, width: box.width, height: box.height, series: index, ids: ids, hidden: true)
                }
            }
            close("g")
        }
    }

    /// The values over (or, for negatives, under) the bars, when they fit;
    /// drawn after the bars so that a focus ring never covers them.
    mutating func barValues(_ layout: ChartLayout) {
        guard let geometry = layout.bars, geometry.showsValues else { return }
        open("g", ["class": "rs-chart__values", "aria-hidden": "true", "fill": "currentColor", "font-size": SVGWriter.number(ChartLayout.valueFontSize), "text-anchor": "middle"])
        for (index, series) in layout.spec.series.enumerated() {
            for (pointIndex, _, value) in series.valued {
                let box = Self.barBox(layout, geometry, series: index, pointIndex: pointIndex, value: value)
                let y = value < 0 ? box.y + box.height + ChartLayout.valueFontSize + 2 : box.y - 5
                element("text", [
                    "class": "rs-chart__value", "x": SVGWriter.number(box.x + box.width / 2), "y": SVGWriter.number(y),
                ], content: layout.spec.unit.format(value))
            }
        }
        close("g")
    }

    /// A bar from the base to its value; a zero bar is a thin line so it still shows (and takes focus).
    private static func barBox(_ layout: ChartLayout, _ geometry: BarGeometry, series: Int, pointIndex: Int, value: Double)
        -> (x: Double, y: Double, width: Double, height: Double)
    {
        let base = layout.y(layout.scale.barBase)
        let end = layout.y(value)
        var top = min(base, end), height = abs(base - end)
        if height < 2 { top = base - 2; height = 2 }
        return (geometry.left(series: series, centre: layout.x(pointIndex)), top, geometry.barWidth, height)
    }
}
