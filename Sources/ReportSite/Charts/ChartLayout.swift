/// Where everything of a chart goes, in viewBox units, before any markup is written.
///
/// The viewBox is 400 units wide and text is 16 units high: on a 375 px
/// phone (about 345 px of column) text is 14 px; the style sheet caps the
/// chart at 32rem wide, where text is about 20 px, the size of body text.
/// Top to bottom: the key (several series only), the value axis label
/// (horizontal, above the axis, where it is read first and never rotated),
/// the plot, the x labels, the x axis label.
struct ChartLayout {
    static let width = 400.0
    static let pad = 8.0
    static let fontSize = 16.0
    static let valueFontSize = 14.0
    static let lineHeight = 19.0
    static let plotHeight = 220.0

    let spec: ChartSpec
    let scale: ChartScale
    /// The x labels, from the longest series.
    let labels: [String]
    let tickLabels: [String]
    let plotLeft: Double
    let plotRight: Double
    private(set) var plotTop = 0.0
    private(set) var plotBottom = 0.0
    private(set) var key: [KeyEntry] = []
    private(set) var yAxisLabel: [String] = []
    private(set) var yAxisLabelTop = 0.0
    private(set) var xLabels = XLabels(shown: [], rotated: false, top: 0)
    private(set) var xAxisLabel: [String] = []
    private(set) var xAxisLabelTop = 0.0
    private(set) var height = 0.0
    let bars: BarGeometry?

    init(_ spec: ChartSpec) {
        self.spec = spec
        let values = spec.series.flatMap { $0.valued.map(\.value) }
        let scale = ChartScale(values: values, kind: spec.kind, baseline: spec.baseline, unit: spec.unit)
        self.scale = scale
        labels = spec.series.max { $0.points.count < $1.points.count }?.points.map(\.label) ?? []
        let tickLabels = Self.tickLabels(scale, unit: spec.unit)
        self.tickLabels = tickLabels
        let widest = tickLabels.map { TextMetrics.width($0, fontSize: Self.fontSize) }.max() ?? 0
        plotLeft = Self.pad + widest + 8
        plotRight = Self.width - Self.pad
        bars = spec.kind == .bar ? BarGeometry(spec: spec, slot: (plotRight - plotLeft) / Double(max(1, labels.count))) : nil

        var cursor = Self.pad
        if spec.series.count > 1 {
            key = KeyEntry.layout(spec.series.map(\.name), kind: spec.kind, top: cursor)
            cursor = (key.map { $0.top + $0.height }.max() ?? cursor) + 10
        }
        yAxisLabel = TextMetrics.wrap(spec.yAxisLabel, maxWidth: Self.width - 2 * Self.pad, fontSize: Self.fontSize)
        yAxisLabelTop = cursor
        cursor += Double(yAxisLabel.count) * Self.lineHeight
        // Room for half of the top tick label, or for value labels over the tallest bar.
        cursor += bars?.showsValues == true ? Self.lineHeight + 4 : 12
        plotTop = cursor
        plotBottom = plotTop + Self.plotHeight
        cursor = plotBottom + 8
        if bars?.showsValues == true && scale.low < 0 { cursor += Self.lineHeight }
        xLabels = XLabels.layout(labels, kind: spec.kind, top: cursor, x: x, slot: slot)
        cursor += xLabels.height + 10
        xAxisLabel = TextMetrics.wrap(spec.xAxisLabel, maxWidth: Self.width - 2 * Self.pad, fontSize: Self.fontSize)
        xAxisLabelTop = cursor
        cursor += Double(xAxisLabel.count) * Self.lineHeight
        height = (cursor + Self.pad).rounded(.up)
    }

    /// "25,000", "48.5%": every tick with the decimals of the step.
    static func tickLabels(_ scale: ChartScale, unit: ChartUnit) -> [String] {
        scale.ticks.map { NumberFormat.grouped($0, decimals: scale.tickDecimals) + (unit.isPercentage ? "%" : "") }
    }

    /// The width of one x position's slot.
    var slot: Double { (plotRight - plotLeft) / Double(max(1, labels.count)) }

    /// The centre of x position `index`: positions sit in the middle of equal
    /// slots, so a single point is centred and the end points keep off the edges.
    func x(_ index: Int) -> Double {
        plotLeft + slot * (Double(index) + 0.5)
    }

    func y(_ value: Double) -> Double {
        scale.position(value, bottom: plotBottom, top: plotTop)
    }

    /// Baseline offset that centres a line of text vertically on a y position.
    static let centreOffset = fontSize * 0.35
}

/// One series in the key: its swatch and wrapped name.
struct KeyEntry {
    var series: Int
    var x: Double
    var top: Double
    var lines: [String]
    var height: Double { Double(lines.count) * ChartLayout.lineHeight }

    static func swatchWidth(_ kind: ChartKind) -> Double { kind == .line ? 30 : 18 }
    static let gap = 6.0
    static let spacing = 20.0

    /// Entries left to right, wrapping to new rows; a name too long for a row wraps itself.
    static func layout(_ names: [String], kind: ChartKind, top: Double) -> [KeyEntry] {
        let left = ChartLayout.pad, right = ChartLayout.width - ChartLayout.pad
        let textRoom = right - left - swatchWidth(kind) - gap
        var entries: [KeyEntry] = []
        var x = left, rowTop = top, rowHeight = 0.0
        for (index, name) in names.enumerated() {
            let lines = TextMetrics.wrap(name, maxWidth: textRoom, fontSize: ChartLayout.fontSize)
            let textWidth = lines.map { TextMetrics.width($0, fontSize: ChartLayout.fontSize) }.max() ?? 0
            let width = swatchWidth(kind) + gap + textWidth
            if x > left && x + width > right {
                x = left
                rowTop += rowHeight + 4
                rowHeight = 0
            }
            let entry = KeyEntry(series: index, x: x, top: rowTop, lines: lines)
            entries.append(entry)
            rowHeight = max(rowHeight, entry.height)
            x += width + spacing
        }
        return entries
    }
}
