import Yams

/// When a recommendation is to be done: "immediately" or "within six months".
public enum Timescale: Sendable, Hashable, YAMLDecodable, CustomStringConvertible, Codable {
    public enum Unit: String, Sendable, Codable { case day, week, month }

    case immediately
    case within(Int, Unit)

    static let numberWords = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
        "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    ]

    /// Parses "immediately", "within 6 months", "within six months", "within one week".
    public init?(_ text: String) {
        let words = text.lowercased().split(separator: " ").map(String.init)
        if words == ["immediately"] {
            self = .immediately
            return
        }
        guard words.count == 3, words[0] == "within",
            let count = Int(words[1]) ?? Timescale.numberWords[words[1]], count > 0
        else { return nil }
        let unitWord = words[2].hasSuffix("s") ? String(words[2].dropLast()) : words[2]
        guard let unit = Unit(rawValue: unitWord) else { return nil }
        self = .within(count, unit)
    }

    public var description: String {
        switch self {
        case .immediately: return "Immediately"
        case let .within(count, unit):
            let word = Timescale.numberWords.first { $0.value == count }?.key ?? String(count)
            return "Within \(word) \(unit.rawValue)\(count == 1 ? "" : "s")"
        }
    }

    /// The due date counted from `start` (the report's publication), or
    /// `start` itself for "immediately".
    public func due(from start: Day) -> Day {
        switch self {
        case .immediately: start
        case let .within(count, .day): start.adding(days: count)
        case let .within(count, .week): start.adding(days: 7 * count)
        case let .within(count, .month): start.adding(months: count)
        }
    }

    public static func decode(_ node: Node, _ reader: YAMLReader) -> Timescale? {
        guard let text = reader.scalar(node, expecting: "a timescale") else { return nil }
        if let timescale = Timescale(text) { return timescale }
        reader.error(node, "'\(text)' is not a timescale",
            note: "write 'immediately' or 'within N days|weeks|months', e.g. 'within six months'")
        return nil
    }
}

extension Day {
    /// Days since 1970-01-01 (proleptic Gregorian), for day arithmetic.
    var ordinal: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    init(ordinal z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)!
    }

    public func adding(days: Int) -> Day {
        Day(ordinal: ordinal + days)
    }

    /// Calendar months later; the day is clamped to the month's end (31 Aug + 6 months = 28/29 Feb).
    public func adding(months: Int) -> Day {
        let total = year * 12 + (month - 1) + months
        let y = total / 12, m = total % 12 + 1
        return Day(year: y, month: m, day: min(day, Day.daysIn(month: m, year: y)))!
    }
}
