import Foundation

/// What to build and where.
public struct BuildOptions: Sendable {
    /// Overrides `base_url` from site.yml (e.g. for a preview host).
    public var baseURL: String?
    /// Build drafts too (preview only).
    public var includeDrafts: Bool

    public init(baseURL: String? = nil, includeDrafts: Bool = false) {
        self.baseURL = baseURL
        self.includeDrafts = includeDrafts
    }
}

/// The outcome of a build or check: every diagnostic, the rendered files,
/// and how long each step took.
public struct BuildResult: Sendable {
    public var diagnostics: DiagnosticBag
    /// Every source read, so diagnostics can show the offending line.
    public var sources: [String: SourceFile]
    /// The site's files; empty when the build failed.
    public var files: [OutputFile]
    public var timings: [(step: String, seconds: Double)]
    public var documentCount: Int

    public var succeeded: Bool { !diagnostics.hasErrors }

    /// Diagnostics formatted for people, with source lines and carets.
    public func formattedDiagnostics() -> String {
        let sources = self.sources
        let formatter = DiagnosticFormatter { file, line in sources[file]?.line(line) }
        return formatter.format(diagnostics.sorted)
    }
}

extension BuildResult: CustomStringConvertible {
    /// A short summary, so a failing check shows counts, not every source file.
    public var description: String {
        "BuildResult(\(files.count) files, \(diagnostics.errorCount) errors, \(diagnostics.warningCount) warnings)"
    }
}
