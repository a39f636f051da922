/// Writes SVG markup: one element a line, indented, every text escaped.
///
/// Attributes keep the order they are given in and numbers have at most two
/// decimals, so the same chart always gives the same bytes.
struct SVGWriter {
    private(set) var text = ""
    private var depth = 0

    typealias Attributes = KeyValuePairs<String, String?>

    /// Opens `name`; attributes whose value is nil are left out.
    mutating func open(_ name: String, _ attributes: Attributes = [:]) {
        line("<\(name)\(Self.attributes(attributes))>")
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        line("</\(name)>")
    }

    /// An element with escaped text content, or empty (`<rect … />`) when `content` is nil.
    mutating func element(_ name: String, _ attributes: Attributes = [:], content: String? = nil) {
        if let content {
            line("<\(name)\(Self.attributes(attributes))>\(Self.escape(content))</\(name)>")
        } else {
            line("<\(name)\(Self.attributes(attributes))/>")
        }
    }

    /// Trusted markup written as it is (the style sheet).
    mutating func raw(_ markup: String) {
        for part in markup.split(separator: "\n", omittingEmptySubsequences: false) {
            line(String(part))
        }
    }

    private mutating func line(_ markup: String) {
        text += String(repeating: "  ", count: max(0, depth)) + markup + "\n"
    }

    private static func attributes(_ attributes: Attributes) -> String {
        attributes.reduce(into: "") { out, attribute in
            if let value = attribute.value { out += " \(attribute.key)=\"\(escape(value))\"" }
        }
    }

    // MARK: - Escaping and numbers

    /// Text safe in XML and HTML content and in double- or single-quoted
    /// attributes; control characters that XML 1.0 forbids are dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out += " "
            default:
                if scalar.value < 0x20 || (0xfffe...0xffff).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A coordinate with at most two decimals and no trailing zeros: "12", "12.5", "-3.25".
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = Int((value * 100).rounded(.toNearestOrAwayFromZero))
        let whole = abs(hundredths) / 100
        let fraction = abs(hundredths) % 100
        let sign = hundredths < 0 ? "-" : ""
        switch fraction {
        case 0: return sign + String(whole)
        case let f where f % 10 == 0: return sign + "\(whole).\(f / 10)"
        case let f where f < 10: return sign + "\(whole).0\(f)"
        default: return sign + "\(whole).\(fraction)"
        }
    }

    /// Several coordinates joined by spaces: a path's or polygon's points.
    static func numbers(_ values: Double...) -> String {
        values.map(number).joined(separator: " ")
    }
}
