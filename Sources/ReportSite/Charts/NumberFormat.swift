/// Numbers written the way GOV.UK style writes them: "22,404", "48.1", "−3".
public enum NumberFormat {
    /// The minus sign (U+2212): screen readers say "minus", and it lines up with "+".
    public static let minus = "\u{2212}"

    /// `value` rounded half away from zero to `decimals` places, with commas
    /// between thousands: `grouped(22404, decimals: 0)` is "22,404",
    /// `grouped(48.06, decimals: 1)` is "48.1". Negative numbers start with
    /// `minus`; a value that rounds to zero has no sign. Not-a-number and
    /// infinities are written "n/a" (they never reach a chart: they are gaps).
    public static func grouped(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "n/a" }
        let places = max(0, min(decimals, 6))
        let scale = Ticks.power10(places)
        let scaled = (value.magnitude * scale).rounded(.toNearestOrAwayFromZero)
        // Past 2^53 a Double has no fraction left to write; beyond Int64 it cannot be an integer.
        guard scaled < 9.0e15 else { return (value < 0 ? minus : "") + group(hugeDigits(value.magnitude)) }
        let units = Int64(scaled)
        let whole = units / Int64(scale)
        var text = group(String(whole))
        if places > 0 {
            let fraction = String(units % Int64(scale))
            text += "." + String(repeating: "0", count: places - fraction.count) + fraction
        }
        return value < 0 && units != 0 ? minus + text : text
    }

    /// The percentage change from `old` to `new` in words-ready digits:
    /// whole percent ("4"), one place below 1% ("0.4"), nil when `old` is zero.
    static func percentChange(from old: Double, to new: Double) -> String? {
        guard old != 0 else { return nil }
        let change = ((new - old) / old.magnitude * 100).magnitude
        return grouped(change, decimals: change < 0.95 ? 1 : 0)
    }

    /// The digits of a whole number too large for Int64 arithmetic (beyond 2^53 it has no fraction).
    private static func hugeDigits(_ magnitude: Double) -> String {
        var rest = magnitude.rounded()
        var digits = ""
        while rest >= 1 {
            digits = String(Int(rest.truncatingRemainder(dividingBy: 10))) + digits
            rest = (rest / 10).rounded(.down)
        }
        return digits
    }

    /// Commas between groups of three digits of a run of digits.
    private static func group(_ digits: String) -> String {
        var out = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
