/// The widths and offsets of grouped bars within an x slot.
///
/// The bars of a group take 72% of the slot (the rest separates groups),
/// at most 56 units each, with a 2-unit gap between neighbours so that
/// adjacent series are also separated by the background.
struct BarGeometry {
    let barWidth: Double
    let groupWidth: Double
    /// Value labels fit above (or below, for negatives) every bar.
    let showsValues: Bool

    static let gap = 2.0
    static let maxBarWidth = 56.0

    init(spec: ChartSpec, slot: Double) {
        let count = Double(max(1, spec.series.count))
        let group = min(slot * 0.72, count * Self.maxBarWidth + (count - 1) * Self.gap)
        barWidth = max(1, (group - (count - 1) * Self.gap) / count)
        groupWidth = barWidth * count + (count - 1) * Self.gap
        let widest = spec.series.flatMap { $0.valued.map { spec.unit.format($0.value) } }
            .map { TextMetrics.width($0, fontSize: ChartLayout.valueFontSize) }.max() ?? 0
        showsValues = widest <= barWidth + Self.gap * 2
    }

    /// The left edge of series `series`' bar in the slot centred on `centre`.
    func left(series: Int, centre: Double) -> Double {
        centre - groupWidth / 2 + Double(series) * (barWidth + Self.gap)
    }
}
