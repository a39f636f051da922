import Foundation
import Yams

/// The time a figure covers: a day (`2016-09-22`), a month range
/// (`2016-06..2017-06`), a financial year (`2016/17`, April to March) or a
/// calendar year (`2016`).
public enum Period: Sendable, Hashable, Comparable, YAMLDecodable, CustomStringConvertible, Codable {
    case day(Day)
    case months(from: Month, to: Month)
    case financialYear(Int)
    case year(Int)

    public struct Month: Sendable, Hashable, Comparable, Codable {
        public var year: Int
        public var month: Int

        public static func < (a: Month, b: Month) -> Bool { (a.year, a.month) < (b.year, b.month) }

        init?(_ text: Substring) {
            let parts = text.split(separator: "-")
            guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), let m = Int(parts[1]),
                (1...12).contains(m)
            else { return nil }
            year = y
            month = m
        }

        var short: String { "\(Day.monthNames[month - 1].prefix(3)) \(year)" }
    }

    /// Parses the forms above; nil for anything else.
    public init?(_ text: String) {
        if let day = Day(iso: text) {
            self = .day(day)
        } else if let range = text.range(of: "..") {
            guard let from = Month(text[..<range.lowerBound]), let to = Month(text[range.upperBound...]), from <= to else { return nil }
            self = .months(from: from, to: to)
        } else if text.count == 7, text.dropFirst(4).first == "/", let start = Int(text.prefix(4)), let end = Int(text.suffix(2)),
            (start + 1) % 100 == end
        {
            self = .financialYear(start)
        } else if text.count == 4, let year = Int(text), year > 1000 {
            self = .year(year)
        } else {
            return nil
        }
    }

    /// As written in the front matter (and in CSV and JSON).
    public var description: String {
        switch self {
        case let .day(day): day.iso
        case let .months(from, to): String(format: "%04d-%02d..%04d-%02d", from.year, from.month, to.year, to.month)
        case let .financialYear(start): String(format: "%04d/%02d", start, (start + 1) % 100)
        case let .year(year): String(year)
        }
    }

    /// For people and chart axes: "22 Sep 2016", "Jun 2016–Jun 2017", "2016/17", "2016".
    public var label: String {
        switch self {
        case let .day(day): "\(day.day) \(Day.monthNames[day.month - 1].prefix(3)) \(day.year)"
        case let .months(from, to): "\(from.short)\u{2013}\(to.short)"
        case .financialYear, .year: description
        }
    }

    /// The day the period starts, for ordering.
    var start: Day {
        switch self {
        case let .day(day): day
        case let .months(from, _): Day(year: from.year, month: from.month, day: 1)!
        case let .financialYear(start): Day(year: start, month: 4, day: 1)!
        case let .year(year): Day(year: year, month: 1, day: 1)!
        }
    }

    public static func < (a: Period, b: Period) -> Bool {
        (a.start, a.description) < (b.start, b.description)
    }

    public static func decode(_ node: Node, _ reader: YAMLReader) -> Period? {
        guard let text = reader.scalar(node, expecting: "a period") else { return nil }
        if let period = Period(text) { return period }
        reader.error(node, "'\(text)' is not a period",
            note: "write a day (2016-09-22), a month range (2016-06..2017-06), a financial year (2016/17) or a year (2016)")
        return nil
    }
}
