/// Renders diagnostics for people: the `path:line:col: error: message` line,
/// the offending source line, a caret under the column, and the note.
///
/// Modelled on compiler output (and Hugo's `FileError`): the message is a
/// policy officer's only help, so it always shows where and what.
public struct DiagnosticFormatter: Sendable {
    /// Looks up the text of a source line, by the diagnostic's file name.
    public var sourceLine: @Sendable (_ file: String, _ line: Int) -> String?

    public init(sourceLine: @escaping @Sendable (_ file: String, _ line: Int) -> String? = { _, _ in nil }) {
        self.sourceLine = sourceLine
    }

    public func format(_ diagnostic: Diagnostic) -> String {
        var out = diagnostic.description
        if let position = diagnostic.position, let line = sourceLine(diagnostic.file, position.line) {
            let shown = line.replacingTabs()
            out += "\n    \(shown)\n    " + caretLine(for: line, column: position.column)
        }
        if let note = diagnostic.note {
            out += "\n    note: \(note)"
        }
        return out
    }

    public func format(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(format).joined(separator: "\n")
    }

    /// Spaces up to the column (tabs expanded the same way as the shown line), then `^`.
    private func caretLine(for line: String, column: Int) -> String {
        let prefix = line.unicodeScalars.prefix(max(0, column - 1))
        let width = String(String.UnicodeScalarView(prefix)).replacingTabs().count
        return String(repeating: " ", count: width) + "^"
    }
}

extension String {
    fileprivate func replacingTabs() -> String {
        replacing("\t", with: "    ")
    }
}
