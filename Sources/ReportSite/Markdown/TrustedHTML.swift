/// HTML that reportsite generated itself and may be written without escaping.
///
/// Only two things produce it: cmark-gfm output (author HTML already dropped)
/// and our own generated markup. Every other string reaching a template is
/// plain text and is escaped there (see `TemplateLibrary`).
public struct TrustedHTML: Sendable, Hashable, CustomStringConvertible, Codable {
    public let html: String

    public init(_ html: String) {
        self.html = html
    }

    public var isEmpty: Bool { html.isEmpty }
    public var description: String { html }

    public static func + (lhs: TrustedHTML, rhs: TrustedHTML) -> TrustedHTML {
        TrustedHTML(lhs.html + rhs.html)
    }

    public static func joined(_ parts: [TrustedHTML]) -> TrustedHTML {
        TrustedHTML(parts.map(\.html).joined())
    }
}

/// Escapes text for HTML element content and attribute values.
public func escapeHTML(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
        switch character {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(character)
        }
    }
    return out
}
