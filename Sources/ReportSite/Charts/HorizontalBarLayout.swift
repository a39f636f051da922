/// Where everything of a horizontal bar chart goes: the form a bar chart
/// takes when its category labels do not fit under vertical bars.
///
/// Category labels sit at the left, wrapped onto as many lines as they need
/// (the Analysis Function's advice for long labels); each category is a
/// band with one bar per series; the value axis runs along the bottom.
/// Top to bottom: the key, the category axis label, the bands, the value
/// ticks, the value axis label.
struct HorizontalBarLayout {
    let spec: ChartSpec
    let scale: ChartScale
    let tickLabels: [String]
    let labels: [[String]]
    let plotLeft: Double
    let plotRight: Double
    let plotTop: Double
    let plotBottom: Double
    let key: [KeyEntry]
    let categoryLabel: [String]
    let categoryLabelTop: Double
    let valueLabel: [String]
    let valueLabelTop: Double
    let height: Double
    let showsValues: Bool
    let valueRoom: Double

    static let maxLabelShare = 0.4
    static let maxLabelLines = 4
    static let bandPadding = 6.0
    static func thickness(series: Int) -> Double { series == 1 ? 22 : 16 }

    init(_ spec: ChartSpec) {
        let pad = ChartLayout.pad, width = ChartLayout.width, size = ChartLayout.fontSize
        self.spec = spec
        let names = spec.series.max { $0.points.count < $1.points.count }?.points.map(\.label) ?? []
        let labelRoom = (width - 2 * pad) * Self.maxLabelShare
        labels = names.map { Self.wrap($0, maxWidth: labelRoom) }
        let labelWidth = labels.flatMap { $0 }.map { TextMetrics.width($0, fontSize: size) }.max() ?? 0

        let values = spec.series.flatMap { $0.valued.map(\.value) }
        let widestValue = values.map { TextMetrics.width(spec.unit.format($0), fontSize: ChartLayout.valueFontSize) }.max() ?? 0
        showsValues = !values.isEmpty
        valueRoom = widestValue + 6
        // Value labels go past the end of each bar: leave room on the side(s) bars grow towards.
        let left = pad + labelWidth + 10 + (values.contains { $0 < 0 } ? valueRoom : 0)
        var right = width - pad - (values.contains { $0 >= 0 } ? valueRoom : 0)
        // Fewer ticks until their labels stand apart.
        var scale = ChartScale(values: values, kind: .bar, baseline: .zero, unit: spec.unit)
        var tickLabels: [String] = []
        for maxTicks in stride(from: 6, through: 2, by: -1) {
            scale = ChartScale(values: values, kind: .bar, baseline: .zero, unit: spec.unit, maxTicks: maxTicks)
            tickLabels = ChartLayout.tickLabels(scale, unit: spec.unit)
            let widest = tickLabels.map { TextMetrics.width($0, fontSize: size) }.max() ?? 0
            right = min(right, width - pad - widest / 2)
            if (right - left) / Double(max(1, scale.ticks.count - 1)) >= widest + 10 { break }
        }
        self.scale = scale
        self.tickLabels = tickLabels
        plotLeft = left
        plotRight = right

        var cursor = pad
        if spec.series.count > 1 {
            key = KeyEntry.layout(spec.series.map(\.name), kind: .bar, top: cursor)
            cursor = (key.map { $0.top + $0.height }.max() ?? cursor) + 10
        } else {
            key = []
        }
        categoryLabel = TextMetrics.wrap(spec.xAxisLabel, maxWidth: width - 2 * pad, fontSize: size)
        categoryLabelTop = cursor
        cursor += Double(categoryLabel.count) * ChartLayout.lineHeight + 6
        plotTop = cursor
        let bars = Double(spec.series.count) * (Self.thickness(series: spec.series.count) + BarGeometry.gap) - BarGeometry.gap
        let bands = labels.map { max(Double($0.count) * ChartLayout.lineHeight, bars) + 2 * Self.bandPadding }
        bandTops = bands.indices.map { index in cursor + bands[..<index].reduce(0, +) }
        bandHeights = bands
        cursor += bands.reduce(0, +)
        plotBottom = cursor
        cursor += 8 + ChartLayout.lineHeight + 10
        valueLabel = TextMetrics.wrap(spec.yAxisLabel, maxWidth: width - 2 * pad, fontSize: size)
        valueLabelTop = cursor
        cursor += Double(valueLabel.count) * ChartLayout.lineHeight
        height = (cursor + pad).rounded(.up)
    }

    let bandTops: [Double]
    let bandHeights: [Double]

    /// Where `value` sits along the value axis (the scale's "bottom" is the left here).
    func x(_ value: Double) -> Double {
        scale.position(value, bottom: plotLeft, top: plotRight)
    }

    /// The top of series `series`' bar in band `index`: the bars are centred in the band.
    func barTop(series: Int, band index: Int) -> Double {
        let count = Double(spec.series.count)
        let thickness = Self.thickness(series: spec.series.count)
        let group = count * (thickness + BarGeometry.gap) - BarGeometry.gap
        return bandTops[index] + (bandHeights[index] - group) / 2 + Double(series) * (thickness + BarGeometry.gap)
    }

    /// A label wrapped to `maxWidth`; past four lines, the fourth ends in an ellipsis.
    private static func wrap(_ label: String, maxWidth: Double) -> [String] {
        var lines = TextMetrics.wrap(label, maxWidth: maxWidth, fontSize: ChartLayout.fontSize).map {
            TextMetrics.truncate($0, maxWidth: maxWidth, fontSize: ChartLayout.fontSize)
        }
        if lines.count > maxLabelLines {
            let rest = lines[(maxLabelLines - 1)...].joined(separator: " ")
            lines = Array(lines.prefix(maxLabelLines - 1))
                + [TextMetrics.truncate(rest, maxWidth: maxWidth, fontSize: ChartLayout.fontSize)]
        }
        return lines
    }
}
