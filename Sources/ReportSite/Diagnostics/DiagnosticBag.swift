/// Collects diagnostics across a stage; a stage fails when it holds an error.
public struct DiagnosticBag: Sendable {
    public private(set) var all: [Diagnostic] = []

    public init(_ diagnostics: [Diagnostic] = []) {
        all = diagnostics
    }

    public mutating func append(_ diagnostic: Diagnostic) {
        all.append(diagnostic)
    }

    public mutating func append(contentsOf diagnostics: some Sequence<Diagnostic>) {
        all.append(contentsOf: diagnostics)
    }

    public mutating func error(_ file: String, _ position: SourcePosition?, _ message: String, note: String? = nil) {
        all.append(.error(file, position, message, note: note))
    }

    public mutating func warning(_ file: String, _ position: SourcePosition?, _ message: String, note: String? = nil) {
        all.append(.warning(file, position, message, note: note))
    }

    public var hasErrors: Bool { all.contains { $0.severity == .error } }
    public var errorCount: Int { all.count { $0.severity == .error } }
    public var warningCount: Int { all.count { $0.severity == .warning } }
    public var sorted: [Diagnostic] { all.sorted() }
}
