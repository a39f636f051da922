/// The trend of a series in plain words, for a chart's `<desc>` and title.
///
/// Percentages change in percentage points ("a rise of 7.1 percentage
/// points"); other values in per cent of the first figure, rounded to a whole
/// percent ("a fall of 4%"), or to one place below 1%. A change from zero or
/// across zero has no percentage, so it is given as a difference. Values are
/// written without their unit name because the metric title already says
/// what is counted ("MASH contacts fell from 23,266 …").
public enum TrendWords {
    /// Sentences for the whole series: first to last figure, the change,
    /// the highest and lowest when there are three figures or more, and the
    /// periods with no figure.
    ///
    /// "MASH contacts fell from 23,266 in 2015/16 to 22,404 in 2016/17, a fall of 4%."
    public static func describe(series: ChartSeries, unit: ChartUnit, metricTitle: String) -> String {
        let valued = series.valued
        var sentences: [String] = []
        if let first = valued.first, let last = valued.last {
            if valued.count == 1 {
                sentences.append("\(metricTitle) stood at \(unit.format(first.value)) in \(first.point.label).")
            } else if unit.format(first.value) == unit.format(last.value) {
                sentences.append("\(metricTitle) stood at \(unit.format(first.value)) in both \(first.point.label) and \(last.point.label).")
            } else {
                let direction = Direction(from: first.value, to: last.value)
                var sentence = "\(metricTitle) \(direction.verb) from \(unit.format(first.value)) in \(first.point.label) to \(unit.format(last.value)) in \(last.point.label)"
                if let size = change(from: first.value, to: last.value, unit: unit) {
                    sentence += ", a \(direction.noun) of \(size)"
                }
                sentences.append(sentence + ".")
            }
            if valued.count >= 3 {
                sentences.append(extremes(valued, unit: unit))
            }
        } else {
            sentences.append("No figures have been reported for \(metricTitle).")
        }
        let missing = series.points.filter { $0.value.map { !$0.isFinite } ?? true }.map(\.label)
        if !missing.isEmpty && !valued.isEmpty {
            sentences.append("No figure was reported for \(list(missing)).")
        }
        return sentences.joined(separator: " ")
    }

    /// `describe` for each series, each introduced by its name when there are several:
    /// "In Suffolk, MASH contacts fell … In Norfolk, …".
    public static func describe(series: [ChartSeries], unit: ChartUnit, metricTitle: String) -> String {
        if series.count == 1 { return describe(series: series[0], unit: unit, metricTitle: metricTitle) }
        return series.map { "In \($0.name), " + describe(series: $0, unit: unit, metricTitle: metricTitle) }
            .joined(separator: " ")
    }

    /// The message of the latest change, for a chart's title:
    /// "MASH contacts fell 4% in 2016/17" (latest figure against the one before it).
    public static func headline(series: ChartSeries, unit: ChartUnit, metricTitle: String) -> String {
        let valued = series.valued
        guard let last = valued.last else { return "\(metricTitle): no figures reported" }
        guard valued.count >= 2 else { return "\(metricTitle): \(unit.format(last.value)) in \(last.point.label)" }
        let previous = valued[valued.count - 2]
        // A gap between the two figures means the change spans more than one period: say so.
        let when = previous.index == last.index - 1
            ? "in \(last.point.label)" : "between \(previous.point.label) and \(last.point.label)"
        if unit.format(previous.value) == unit.format(last.value) {
            return "\(metricTitle) did not change \(when)"
        }
        let direction = Direction(from: previous.value, to: last.value)
        if !unit.isPercentage && previous.value == 0 {
            return "\(metricTitle) \(direction.verb) from 0 to \(unit.format(last.value)) \(when)"
        }
        let size = change(from: previous.value, to: last.value, unit: unit) ?? ""
        let by = size.hasPrefix("less") || !unit.isPercentage && (previous.value < 0 || last.value < 0) ? "by " : ""
        return "\(metricTitle) \(direction.verb) \(by)\(size) \(when)"
    }

    // MARK: - Parts

    private enum Direction {
        case rise, fall
        init(from old: Double, to new: Double) { self = new > old ? .rise : .fall }
        var verb: String { self == .rise ? "rose" : "fell" }
        var noun: String { self == .rise ? "rise" : "fall" }
    }

    /// The size of a change: "4%", "7.1 percentage points", "12" (from or across zero), nil from zero.
    private static func change(from old: Double, to new: Double, unit: ChartUnit) -> String? {
        let difference = (new - old).magnitude
        if unit.isPercentage {
            let points = NumberFormat.grouped(difference, decimals: unit.decimals)
            return points + (points == "1" ? " percentage point" : " percentage points")
        }
        if old == 0 { return nil }
        // A percentage of a negative base, or across zero, says the wrong thing: give the difference.
        if old < 0 || new < 0 { return unit.format(difference) }
        guard let percent = NumberFormat.percentChange(from: old, to: new) else { return nil }
        return percent == "0.0" ? "less than 0.1%" : percent + "%"
    }

    /// "The highest figure was 913 in 2015/16 and the lowest 655 in 2016/17."
    private static func extremes(_ valued: [(index: Int, point: ChartPoint, value: Double)], unit: ChartUnit) -> String {
        let values = valued.map(\.value)
        let highest = values.max() ?? 0
        let lowest = values.min() ?? 0
        func labels(_ value: Double) -> String {
            list(valued.filter { $0.value == value }.map(\.point.label))
        }
        if highest == lowest {
            return "The figure was the same in every period shown."
        }
        return "The highest figure was \(unit.format(highest)) in \(labels(highest)) "
            + "and the lowest \(unit.format(lowest)) in \(labels(lowest))."
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        }
    }
}
