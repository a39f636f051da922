/// Nice axis ticks: round numbers in steps of 1, 2 or 5 times a power of ten.
public struct Ticks {
    /// Ticks that cover `min...max` with the smallest 1-2-5 step that needs
    /// at most `maxCount` ticks, from the multiple of the step at or below
    /// `min` to the one at or above `max`.
    ///
    /// `0...23,266` gives 0, 5,000 … 25,000; `0...48.1` gives 0, 10 … 50.
    /// When `min == max` the range is widened to include zero (to 0...1 when
    /// both are zero), so a flat series still gets an axis. `minStep` keeps
    /// steps of counts whole (1 for "contacts": never 0.5 of a contact).
    public static func nice(min: Double, max: Double, maxCount: Int = 6, minStep: Double = 0) -> [Double] {
        guard min.isFinite, max.isFinite else { return [0, 1] }
        var low = Swift.min(min, max)
        var high = Swift.max(min, max)
        if low == high {
            if low == 0 { high = 1 } else { low = Swift.min(low, 0); high = Swift.max(high, 0) }
        }
        let count = Swift.max(2, maxCount)
        let step = self.step(low: low, high: high, maxCount: count, minStep: minStep)
        let (first, last) = step.span(low, high)
        return stride(from: first, through: last, by: 1).map { step.multiple($0) }
    }

    /// The number of decimal places that writes every multiple of `ticks`' step exactly.
    public static func decimals(of ticks: [Double]) -> Int {
        guard ticks.count > 1 else { return 0 }
        let step = abs(ticks[1] - ticks[0])
        for places in 0...6 where abs((step * power10(places)).rounded() - step * power10(places)) < 1e-6 {
            return places
        }
        return 6
    }

    /// 10 to the power `exponent`, exactly for the small exponents axes use.
    static func power10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }

    // MARK: - Steps

    /// A 1-2-5 step: `mantissa` × 10^`exponent`.
    struct Step {
        var mantissa: Double
        var exponent: Int
        var value: Double { mantissa * Ticks.power10(exponent) }

        /// The multiples of the step at or below `low` and at or above `high`,
        /// forgiving float error (0.3 / 0.1 is 2.9999999999999996, not below 3).
        func span(_ low: Double, _ high: Double) -> (first: Double, last: Double) {
            ((low / value + 1e-9).rounded(.down), (high / value - 1e-9).rounded(.up))
        }

        /// `k` × step, computed so that 3 × 0.1 is 0.3 and not 0.30000000000000004.
        func multiple(_ k: Double) -> Double {
            let result = exponent < 0 ? k * mantissa / Ticks.power10(-exponent) : k * mantissa * Ticks.power10(exponent)
            return result == 0 ? 0 : result  // no -0
        }
    }

    private static func step(low: Double, high: Double, maxCount: Int, minStep: Double) -> Step {
        let span = high - low
        // Start a little below the smallest step that could possibly do, then walk up the 1-2-5 ladder.
        var exponent = Int((span / Double(maxCount)).magnitude.logBase10.rounded(.down)) - 1
        while true {
            for mantissa in [1.0, 2.0, 5.0] {
                let step = Step(mantissa: mantissa, exponent: exponent)
                guard step.value >= minStep * (1 - 1e-9) else { continue }
                let (first, last) = step.span(low, high)
                if last - first + 1 <= Double(maxCount) { return step }
            }
            exponent += 1
        }
    }
}

extension Double {
    /// log10 without Foundation, good enough to pick a power of ten.
    fileprivate var logBase10: Double {
        guard self > 0 else { return 0 }
        var value = self
        var exponent = 0.0
        while value >= 10 { value /= 10; exponent += 1 }
        while value < 1 { value *= 10; exponent -= 1 }
        return exponent
    }
}
