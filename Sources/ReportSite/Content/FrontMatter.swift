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
        if file.text.allSatisfy(\.isWhitespace) {
            return .failure(.error(file.path, start, "the file is empty",
                note: "a document starts with front matter between two '---' lines, then its Markdown body"))
        }
        let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
        guard isFence(lines[0], allowingDots: false) else {
            return .failure(.error(file.path, start, "expected front matter: the first line must be '---'",
                note: "start the file with '---', the document's keys (title, date, ...), then another '---'"))
        }
        guard let close = lines.indices.dropFirst().first(where: { isFence(lines[$0], allowingDots: true) }) else {
            return .failure(.error(file.path, start, "the front matter opened here is never closed",
                note: "add a line '---' after the last key, before the Markdown body"))
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        let body = lines[(close + 1)...].joined(separator: "\n")
        return .success(FrontMatter(yaml: yaml, yamlFirstLine: 2, body: body, bodyFirstLine: close + 2))
    }

    private static func isFence(_ line: Substring, allowingDots: Bool) -> Bool {
        var fence = line
        while let last = fence.last, last == " " || last == "\t" { fence.removeLast() }
        return fence == "---" || (allowingDots && fence == "...")
    }
}
