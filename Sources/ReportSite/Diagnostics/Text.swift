import Foundation

/// Small text helpers shared by several stages.
public enum Text {
    /// `text` with its %XX escapes decoded (nil when one is malformed), as
    /// Foundation's `removingPercentEncoding`, which is called for every
    /// link of every page and is slow even on the many with nothing to decode.
    static func percentDecoded(_ text: String) -> String? {
        text.utf8.contains(UInt8(ascii: "%")) ? text.removingPercentEncoding : text
    }

    /// `text` as a JSON string literal, quotes included. YAML reads it back
    /// unchanged, so the lock file and change notes use it too.
    public static func jsonQuoted(_ text: String) -> String {
        var writer = JSONWriter()
        writer.string(text)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// "Roads: an update" → `roads-an-update`: ASCII letters and digits, a
    /// hyphen between words. Safe as a URL segment and a file name.
    public static func slug(_ text: String) -> String {
        var slug = ""
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug
    }
}

extension Duration {
    /// The duration in seconds, for timings people read.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

extension Text {
    /// Lower-case hex of `bytes` (a digest): String(format:) cost 7 % of an incremental build.
    static func hex<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    /// Every `target` replaced by `replacement`, matching UTF-8 bytes (the
    /// standard library's generic `replacing` was 2 % of decoding a corpus).
    func replacingBytes(_ target: String, with replacement: String) -> String {
        let needle = Array(target.utf8)
        guard let first = needle.first else { return self }
        var text = self
        return text.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            var start = 0
            var index = 0
            while index + needle.count <= bytes.count {
                if bytes[index] == first, needle.indices.allSatisfy({ bytes[index + $0] == needle[$0] }) {
                    if out.isEmpty { out.reserveCapacity(bytes.count + 64) }
                    out.append(contentsOf: bytes[start..<index])
                    out.append(contentsOf: replacement.utf8)
                    index += needle.count
                    start = index
                } else {
                    index += 1
                }
            }
            guard start > 0 else { return nil }
            out.append(contentsOf: bytes[start...])
            return String(decoding: out, as: UTF8.self)
        } ?? self
    }

    /// Without leading and trailing white space and newlines; text that has
    /// none (nearly every front-matter value) is returned without going
    /// through Foundation.
    var trimmed: String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return self }
        let space = CharacterSet.whitespacesAndNewlines
        if !space.contains(first), !space.contains(last) { return self }
        return trimmingCharacters(in: space)
    }
}
