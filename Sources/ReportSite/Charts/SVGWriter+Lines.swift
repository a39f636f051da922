/// Line charts: the lines, then every point's marker inside its link.
extension SVGWriter {
    /// One path per run of consecutive figures: a missing figure breaks the line.
    mutating func lines(_ layout: ChartLayout) {
        for (index, series) in layout.spec.series.enumerated() {
            var runs: [[(Double, Double)]] = []
            var previous: Int?
            for (pointIndex, _, value) in series.valued {
                let xy = (layout.x(pointIndex), layout.y(value))
                if let previous, previous == pointIndex - 1 { runs[runs.count - 1].append(xy) } else { runs.append([xy]) }
                previous = pointIndex
            }
            let d = runs.filter { $0.count > 1 }.map { run in
                run.enumerated().map { ($0 == 0 ? "M" : "L") + SVGWriter.numbers($1.0, $1.1) }.joined()
            }.joined()
            guard !d.isEmpty else { continue }
            element("path", [
                "class": "rs-chart__line rs-chart__series rs-chart__series--\(index + 1)", "d": d, "fill": "none",
                "stroke": ChartPalette.light(index).hex, "stroke-width": "3", "stroke-linejoin": "round",
                "stroke-linecap": "round",
            ])
        }
    }

    /// Every point's marker, in its link when the point has a source.
    mutating func markers(_ layout: ChartLayout) {
        let unit = layout.spec.unit
        for (index, series) in layout.spec.series.enumerated() {
            let valued = series.valued
            guard !valued.isEmpty else { continue }
            let colour = ChartPalette.light(index).hex
            let shape = MarkerShape.forSeries(index)
            open("g", ["class": "rs-chart__series rs-chart__series--\(index + 1)"])
            for (pointIndex, point, value) in valued {
                let x = layout.x(pointIndex), y = layout.y(value)
                if let href = point.href {
                    open("a", ["class": ChartStyle.point, "href": href])
                    element("title", content: ChartRenderer.pointName(series: series, point: point, value: value, unit: unit))
                    element("circle", [
                        "class": ChartStyle.focus, "cx": SVGWriter.number(x), "cy": SVGWriter.number(y), "r": "12",
                        "fill": "#ffffff", "fill-opacity": "0",
                    ])
                    marker(shape, x: x, y: y, colour: colour)
                    close("a")
                } else {
                    marker(shape, x: x, y: y, colour: colour, hidden: true)
                }
            }
            close("g")
        }
    }

    /// A marker of `shape` centred on `x`, `y`, of about the same area whatever its shape.
    mutating func marker(_ shape: MarkerShape, x: Double, y: Double, colour: String, hidden: Bool = false) {
        let hiddenValue: String? = hidden ? "true" : nil
        if shape == .circle {
            element("circle", [
                "class": ChartStyle.marker, "cx": SVGWriter.number(x), "cy": SVGWriter.number(y), "r": "5.5",
                "fill": colour, "stroke": "#ffffff", "stroke-width": "1.5", "aria-hidden": hiddenValue,
            ])
        } else {
            element("path", [
                "class": ChartStyle.marker, "d": Self.markerPath(shape, x: x, y: y),
                "fill": colour, "stroke": "#ffffff", "stroke-width": "1.5", "aria-hidden": hiddenValue,
            ])
        }
    }

    /// The outline of a non-circular marker as path data.
    static func markerPath(_ shape: MarkerShape, x: Double, y: Double) -> String {
        func polygon(_ points: [(Double, Double)]) -> String {
            points.enumerated().map { ($0 == 0 ? "M" : "L") + numbers(x + $1.0, y + $1.1) }.joined() + "Z"
        }
        switch shape {
        case .circle:
            return "M" + numbers(x - 5.5, y) + "a5.5 5.5 0 1 0 11 0a5.5 5.5 0 1 0 -11 0Z"
        case .square:
            return polygon([(-4.9, -4.9), (4.9, -4.9), (4.9, 4.9), (-4.9, 4.9)])
        case .triangle:
            return polygon([(0, -7.2), (6.2, 3.6), (-6.2, 3.6)])
        case .triangleDown:
            return polygon([(0, 7.2), (6.2, -3.6), (-6.2, -3.6)])
        case .diamond:
            return polygon([(0, -6.6), (6.6, 0), (0, 6.6), (-6.6, 0)])
        case .cross:
            let a = 6.6, t = 2.4
            return polygon([
                (-t, -a), (t, -a), (t, -t), (a, -t), (a, t), (t, t),
                (t, a), (-t, a), (-t, t), (-a, t), (-a, -t), (-t, -t),
            ])
        }
    }
}
