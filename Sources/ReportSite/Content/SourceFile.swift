import Foundation

/// A text file read from the site, with its lines for diagnostics.
///
/// Text is normalised on the way in: a UTF-8 byte-order mark is dropped and
/// CRLF / CR line ends become LF, so every later stage sees one form and line
/// numbers agree with what an editor shows.
public struct SourceFile: Sendable {
    /// Path relative to the site root, as shown in diagnostics (`Content/meetings/x.md`).
    public let path: String
    public let text: String

    public init(path: String, text: String) {
        self.path = path
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        // memchr: String.contains goes through Foundation, and the generic
        // UTF8View.contains was 2 % of loading 10,000 documents.
        let hasCarriageReturn = text.withUTF8 { bytes in
            bytes.baseAddress.map { memchr($0, 13, bytes.count) != nil } ?? false
        }
        if hasCarriageReturn {
            text = text.replacingBytes("\r\n", with: "\n").replacingBytes("\r", with: "\n")
        }
        self.text = text
    }

    /// The text of 1-based line `number`, if it exists.
    public func line(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        var current = 1
        var start = text.startIndex
        while current < number {
            guard let newline = text[start...].firstIndex(of: "\n") else { return nil }
            start = text.index(after: newline)
            current += 1
        }
        let end = text[start...].firstIndex(of: "\n") ?? text.endIndex
        return String(text[start..<end])
    }
}
