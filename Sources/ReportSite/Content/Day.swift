import Foundation
import Yams

/// A calendar date with no time or zone: what the documents mean by "date".
///
/// Kept apart from `Foundation.Date` so a date never shifts with the
/// machine's time zone, and the 56-day rule is plain day arithmetic.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func < (a: Day, b: Day) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// `2016-09-22`.
    public var iso: String {
        // By hand, as ten bytes: String(format:) was a twentieth of an
        // incremental build, and padding and joining six strings was 1 % of
        // a title change (the trackers write a date per status).
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
            return String(format: "%04d-%02d-%02d", year, month, day)
        }
        return String(unsafeUninitializedCapacity: 10) { bytes in
            func put(_ value: Int, _ width: Int, at offset: Int) {
                var value = value
                for index in stride(from: offset + width - 1, through: offset, by: -1) {
                    bytes[index] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(year, 4, at: 0)
            bytes[4] = UInt8(ascii: "-")
            put(month, 2, at: 5)
            bytes[7] = UInt8(ascii: "-")
            put(day, 2, at: 8)
            return 10
        }
    }

    public var description: String { iso }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    /// `22 September 2016`, the GOV.UK style.
    public var long: String {
        "\(day) \(Day.monthNames[month - 1]) \(year)"
    }
}

extension Day: YAMLDecodable {
    public static func decode(_ node: Node, _ reader: YAMLReader) -> Day? {
        guard let text = reader.scalar(node, expecting: "a date (YYYY-MM-DD)") else { return nil }
        if let day = Day(iso: text) { return day }
        reader.error(node, "'\(text)' is not a valid date", note: "write dates as YYYY-MM-DD, e.g. 2016-09-22")
        return nil
    }
}
