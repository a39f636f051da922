/// A document split into its YAML front matter and its Markdown body.
public struct FrontMatter: Sendable, Equatable {
    /// The YAML between the fences.
    public var yaml: String
    /// File line number of the first YAML line (the line after the opening fence).
    public var yamlFirstLine: Int
    /// The Markdown after the closing fence.
    public var body: String
    /// File line number of the first body line.
    public var bodyFirstLine: Int

    /// Splits `file` at its `---` fences, or explains what is wrong.
    ///
    /// The closing fence may also be `...` (YAML's end-of-document marker).
    /// Trailing spaces after a fence are allowed; anything else is not.
    public static func split(_ file: SourceFile) -> Result<FrontMatter, Diagnostic> {
        let start = SourcePosition(line: 1, column: 1)
        // Walks line by line only as far as the closing fence: the body is
        // the rest of the text, never split into lines.
        let text = file.text
        let utf8 = text.utf8
        var cursor = text.startIndex
        var lineNumber = 0
        var finished = false
        func nextLine() -> Substring? {
            guard !finished else { return nil }
            lineNumber += 1
            if let newline = utf8[cursor...].firstIndex(of: UInt8(ascii: "\n")) {
                defer { cursor = utf8.index(after: newline) }
                return text[cursor..<newline]
            }
            finished = true
            return text[cursor...]
        }
        guard let first = nextLine(), isFence(first, allowingDots: false) else {
            if text.allSatisfy(\.isWhitespace) {
                return .failure(.error(file.path, start, "the file is empty",
                    note: "a document starts with front matter between two '---' lines, then its Markdown body"))
            }
            return .failure(.error(file.path, start, "expected front matter: the first line must be '---'",
                note: "start the file with '---', the document's keys (title, date, ...), then another '---'"))
        }
        let yamlStart = cursor
        while let line = nextLine() {
            guard isFence(line, allowingDots: true) else { continue }
            // Without the newline before the fence. (By its UTF-8 index:
            // `dropLast()` on the Substring walked the whole front matter
            // from its start, Character by Character, to find its last one.)
            let yamlEnd = yamlStart == line.startIndex ? yamlStart : utf8.index(before: line.startIndex)
            let yaml = String(text[yamlStart..<yamlEnd])
            let body = finished ? "" : String(text[cursor...])
            return .success(FrontMatter(yaml: yaml, yamlFirstLine: 2, body: body, bodyFirstLine: lineNumber + 1))
        }
        return .failure(.error(file.path, start, "the front matter opened here is never closed",
            note: "add a line '---' after the last key, before the Markdown body"))
    }

    /// By bytes, as the lines are found.
    private static func isFence(_ line: Substring, allowingDots: Bool) -> Bool {
        var fence = line.utf8[...]
        while let last = fence.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { fence = fence.dropLast() }
        return fence.elementsEqual("---".utf8) || (allowingDots && fence.elementsEqual("...".utf8))
    }
}
