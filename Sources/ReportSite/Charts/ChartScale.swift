/// The value axis: its ticks, and where a value sits between them.
///
/// The zero rule: bars always start at zero, because a bar's length is its
/// value. Lines start at zero too, unless every value lies on one side of
/// zero and the one nearest zero is more than five sixths of the one
/// farthest (the rule spreadsheets use): on a zero-based axis such a line
/// would be flat in the top sixth and its trend invisible. When zero is left
/// out the axis is drawn with a break symbol so nobody reads the bottom as zero.
/// A spec's `baseline` can force either way for lines.
struct ChartScale: Equatable {
    /// Tick values, lowest first; the first and last are the ends of the axis.
    var ticks: [Double]
    /// Decimal places of the tick labels (from the step, not from the data).
    var tickDecimals: Int
    /// Zero is outside the axis: the axis shows a break at the bottom.
    var isBroken: Bool

    var low: Double { ticks.first ?? 0 }
    var high: Double { ticks.last ?? 1 }

    init(values: [Double], kind: ChartKind, baseline: ChartBaseline, unit: ChartUnit, maxTicks: Int = 6) {
        let finite = values.filter(\.isFinite)
        var low = finite.min() ?? 0
        var high = finite.max() ?? 0
        let fitsData: Bool
        switch (kind, baseline) {
        case (.bar, _), (.line, .zero): fitsData = false
        case (.line, .fitData): fitsData = low != high && (low > 0 || high < 0)
        case (.line, .automatic): fitsData = low != high && Self.farFromZero(low: low, high: high)
        }
        if !fitsData {
            low = min(low, 0)
            high = max(high, 0)
        }
        ticks = Ticks.nice(min: low, max: high, maxCount: maxTicks, minStep: unit.smallestTickStep)
        tickDecimals = Ticks.decimals(of: ticks)
        isBroken = (ticks.first ?? 0) > 0 || (ticks.last ?? 0) < 0
    }

    /// Every value on one side of zero, the nearest more than 5/6 of the farthest.
    static func farFromZero(low: Double, high: Double) -> Bool {
        if low > 0 { return low > high * 5 / 6 }
        if high < 0 { return high < low * 5 / 6 }
        return false
    }

    /// Where `value` sits on an axis drawn from `bottom` (low) up to `top` (high).
    func position(_ value: Double, bottom: Double, top: Double) -> Double {
        guard high > low else { return bottom }
        return bottom - (value - low) / (high - low) * (bottom - top)
    }

    /// Where the bars start: zero, or the end of the axis nearest zero when zero is off it.
    var barBase: Double { min(max(0, low), high) }
}
