/// Axes, their labels, and the key of a line or vertical bar chart.
extension SVGWriter {
    /// Gridlines, the zero line (with a break symbol when zero is off the axis), ticks and every axis label.
    mutating func axes(_ layout: ChartLayout) {
        typealias N = SVGWriter
        let left = layout.plotLeft, right = layout.plotRight
        open("g", ["class": "rs-chart__grid", "stroke": "currentColor", "stroke-opacity": "0.2", "stroke-width": "1"])
        for tick in layout.scale.ticks where tick != layout.scale.barBase {
            let y = N.number(layout.y(tick))
            element("line", ["x1": N.number(left), "y1": y, "x2": N.number(right), "y2": y])
        }
        close("g")
        let baseY = layout.y(layout.scale.barBase)
        let axis: String
        if layout.scale.isBroken {
            // A zigzag where the axis leaves out zero.
            let b = N.number(baseY)
            axis = "M\(N.number(left)) \(b)h4l3 -5l6 10l3 -5H\(N.number(right))"
        } else {
            axis = "M\(N.number(left)) \(N.number(baseY))H\(N.number(right))"
        }
        element("path", ["class": "rs-chart__axis", "d": axis, "fill": "none", "stroke": "currentColor", "stroke-width": "1.5"])
        if layout.spec.kind == .line {
            var ticks = ""
            for label in layout.xLabels.shown {
                ticks += "M\(N.number(layout.x(label.index))) \(N.number(layout.plotBottom))v5"
            }
            if !ticks.isEmpty {
                element("path", ["class": "rs-chart__x-ticks", "d": ticks, "stroke": "currentColor", "stroke-width": "1.5"])
            }
        }
        open("g", ["class": "rs-chart__text", "fill": "currentColor", "font-size": N.number(ChartLayout.fontSize)])
        for (tick, label) in zip(layout.scale.ticks, layout.tickLabels) {
            element("text", [
                "class": "rs-chart__tick-label", "x": N.number(left - 8),
                "y": N.number(layout.y(tick) + ChartLayout.centreOffset), "text-anchor": "end",
            ], content: label)
        }
        textLines(layout.yAxisLabel, x: ChartLayout.pad, top: layout.yAxisLabelTop, anchor: "start", className: "rs-chart__axis-label")
        xLabels(layout)
        textLines(layout.xAxisLabel, x: (left + right) / 2, top: layout.xAxisLabelTop, anchor: "middle", className: "rs-chart__axis-label")
        close("g")
    }

    private mutating func xLabels(_ layout: ChartLayout) {
        typealias N = SVGWriter
        for label in layout.xLabels.shown {
            let x = layout.x(label.index)
            if layout.xLabels.rotated {
                let y = layout.xLabels.top + ChartLayout.fontSize * 0.7
                element("text", [
                    "class": "rs-chart__x-label", "x": N.number(x), "y": N.number(y), "text-anchor": "end",
                    "transform": "rotate(-45 \(N.number(x)) \(N.number(y)))",
                ], content: label.lines.first ?? "")
            } else {
                textLines(label.lines, x: label.x, top: layout.xLabels.top, anchor: "middle", className: "rs-chart__x-label")
            }
        }
    }

    /// Lines of text from `top`, one `<text>` each (SVG has no wrapping).
    mutating func textLines(_ lines: [String], x: Double, top: Double, anchor: String, className: String) {
        for (offset, line) in lines.enumerated() where !line.isEmpty {
            let baseline = top + Double(offset + 1) * ChartLayout.lineHeight - 4
            element("text", [
                "class": className, "x": SVGWriter.number(x), "y": SVGWriter.number(baseline), "text-anchor": anchor,
            ], content: line)
        }
    }

    /// The key: a swatch like the series' marks, then its name.
    mutating func key(_ entries: [KeyEntry], kind: ChartKind, ids: ChartIDs) {
        guard !entries.isEmpty else { return }
        typealias N = SVGWriter
        open("g", ["class": "rs-chart__key"])
        for entry in entries {
            open("g", ["class": "rs-chart__series rs-chart__series--\(entry.series + 1)"])
            let midY = entry.top + ChartLayout.lineHeight / 2
            let colour = ChartPalette.light(entry.series).hex
            if kind == .line {
                element("line", [
                    "class": "rs-chart__line", "x1": N.number(entry.x), "y1": N.number(midY),
                    "x2": N.number(entry.x + 30), "y2": N.number(midY), "stroke": colour, "stroke-width": "3",
                ])
                marker(MarkerShape.forSeries(entry.series), x: entry.x + 15, y: midY, colour: colour)
            } else {
                barShape(x: entry.x, y: midY - 9, width: 18, height: 18, series: entry.series, ids: ids)
            }
            close("g")
            open("g", ["fill": "currentColor", "font-size": N.number(ChartLayout.fontSize)])
            textLines(entry.lines, x: entry.x + KeyEntry.swatchWidth(kind) + KeyEntry.gap, top: entry.top, anchor: "start", className: "rs-chart__key-label")
            close("g")
        }
        close("g")
    }
}
