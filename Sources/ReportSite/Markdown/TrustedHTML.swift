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
///
/// Works on UTF-8 bytes: the five characters it replaces are ASCII, and
/// text without any of them (most of it) comes back as it was.
public func escapeHTML(_ text: String) -> String {
    var text = text
    return text.withUTF8 { bytes in
        guard let first = bytes.firstIndex(where: { escapedHTML($0) != nil }) else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + 16)
        out.append(contentsOf: bytes[..<first])
        for byte in bytes[first...] {
            if let replacement = escapedHTML(byte) {
                replacement.withUTF8Buffer { out.append(contentsOf: $0) }
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    } ?? text
}

@inline(__always)
func escapedHTML(_ byte: UInt8) -> StaticString? {
    switch byte {
    case UInt8(ascii: "&"): "&amp;"
    case UInt8(ascii: "<"): "&lt;"
    case UInt8(ascii: ">"): "&gt;"
    case UInt8(ascii: "\""): "&quot;"
    case UInt8(ascii: "'"): "&#39;"
    default: nil
    }
}
