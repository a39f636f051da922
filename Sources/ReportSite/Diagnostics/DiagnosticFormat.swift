import Foundation

/// How diagnostics are printed: for people, for GitHub Actions, or for tools.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    /// `path:line:col: error: message`, the source line, a caret, the note.
    case text
    /// GitHub Actions workflow commands, which annotate the line in a pull request.
    case github
    /// One JSON object per line (JSON Lines).
    case json

    /// Renders `diagnostics` (already sorted), one entry per line or block.
    public func render(_ diagnostics: [Diagnostic], sourceLine: @escaping @Sendable (String, Int) -> String?) -> String {
        switch self {
        case .text:
            return DiagnosticFormatter(sourceLine: sourceLine).format(diagnostics)
        case .github:
            return diagnostics.map(DiagnosticFormat.githubAnnotation).joined(separator: "\n")
        case .json:
            return diagnostics.map(DiagnosticFormat.jsonLine).joined(separator: "\n")
        }
    }

    /// `::error file=…,line=…,col=…,title=reportsite::message`
    static func githubAnnotation(_ diagnostic: Diagnostic) -> String {
        var properties = ["file=\(escapeProperty(diagnostic.file))"]
        if let position = diagnostic.position {
            properties += ["line=\(position.line)", "col=\(position.column)"]
        }
        properties.append("title=reportsite")
        var message = diagnostic.message
        if let note = diagnostic.note { message += "\n" + note }
        return "::\(diagnostic.severity.rawValue) \(properties.joined(separator: ","))::\(escapeData(message))"
    }

    /// GitHub's escaping for a command's message.
    static func escapeData(_ text: String) -> String {
        text.replacing("%", with: "%25").replacing("\r", with: "%0D").replacing("\n", with: "%0A")
    }

    /// GitHub's escaping for a command's properties.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }

    private struct JSONDiagnostic: Encodable {
        let severity: String
        let file: String
        let line: Int?
        let column: Int?
        let message: String
        let note: String?
    }

    static func jsonLine(_ diagnostic: Diagnostic) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let value = JSONDiagnostic(
            severity: diagnostic.severity.rawValue, file: diagnostic.file, line: diagnostic.position?.line,
            column: diagnostic.position?.column, message: diagnostic.message, note: diagnostic.note)
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
