/// A position in a source file: 1-based line and column (columns count Unicode scalars).
public struct SourcePosition: Sendable, Hashable, Comparable, Codable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// One problem found in the input: the only error type content, templates and
/// configuration report through.
///
/// Every stage returns diagnostics instead of throwing on the first problem, so
/// a run reports all of them (see `DiagnosticBag`).
public struct Diagnostic: Sendable, Hashable, Error, CustomStringConvertible, Codable {
    public enum Severity: String, Sendable, Hashable, Comparable, Codable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    public var severity: Severity
    /// Path as the user should see it (relative to the site root where possible).
    public var file: String
    public var position: SourcePosition?
    public var message: String
    /// An extra line of help, e.g. "did you mean 'venue'?".
    public var note: String?

    public init(
        _ severity: Severity, file: String, at position: SourcePosition?, _ message: String, note: String? = nil
    ) {
        self.severity = severity
        self.file = file
        self.position = position
        self.message = message
        self.note = note
    }

    public static func error(_ file: String, _ position: SourcePosition?, _ message: String, note: String? = nil) -> Self {
        Diagnostic(.error, file: file, at: position, message, note: note)
    }

    public static func warning(_ file: String, _ position: SourcePosition?, _ message: String, note: String? = nil) -> Self {
        Diagnostic(.warning, file: file, at: position, message, note: note)
    }

    /// `path:line:col: error: message` (the first line of the text format).
    public var description: String {
        var location = file
        if let position { location += ":\(position.line):\(position.column)" }
        return "\(location): \(severity.rawValue): \(message)"
    }
}

extension Diagnostic: Comparable {
    /// Diagnostics are reported sorted by file, then position, so output is deterministic.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        let l = lhs.position ?? SourcePosition(line: 0, column: 0)
        let r = rhs.position ?? SourcePosition(line: 0, column: 0)
        if l != r { return l < r }
        return lhs.message < rhs.message
    }
}
