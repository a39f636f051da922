import Foundation

/// What to build and where.
public struct BuildOptions: Sendable {
    /// Overrides `base_url` from site.yml (e.g. for a preview host).
    public var baseURL: String?
    /// Build drafts too (preview only).
    public var includeDrafts: Bool
    /// `SOURCE_DATE_EPOCH` from the environment, recorded in the manifest.
    /// (The build itself never reads the clock: dates come from the content.)
    public var sourceDateEpoch: String?
    /// Decoded documents kept between builds (the preview server); nil decodes everything.
    public var cache: DecodeCache?
    /// Each document's search words kept between builds; nil tokenises every document.
    public var searchWords: SearchWordCache?
    /// Give every page a fingerprint (so a later build can reuse it).
    public var fingerprintPages: Bool = false
    /// The last build's files: pages with the same fingerprint are reused.
    public var previous: PreviousOutput?
    /// Where files go as soon as they are made (`build`); nil keeps them in
    /// the result (`check`, tests, the preview).
    public var sink: StagingSink?
    /// The inputs' content digest when the caller already knows it (`build`
    /// keeps every input's SHA-256 between runs); nil reads and hashes them.
    public var contentDigest: String?
    /// SHA-256 of input files, by path, when the caller already knows them
    /// (`build` keeps them between runs and trusts a file whose size and time
    /// are unchanged, as make does). A document whose digest is known is taken
    /// from the decode cache without reading its file.
    public var sourceDigests: [String: String] = [:]
    /// Which generator builds: part of every fingerprint.
    public var generator: String = ""
    /// Keep every document's text in the result (the preview compares them
    /// between builds). `build` and `check` do not: the texts were a sixth of
    /// a large build's memory, and a diagnostic reads its file again to show
    /// the line.
    public var keepsDocumentSources = true
    /// Where decoded bodies wait until their pages are made (`build` and
    /// `check`); nil keeps them in memory (the preview, tests).
    public var bodySpill: BodySpill?

    public init(baseURL: String? = nil, includeDrafts: Bool = false, sourceDateEpoch: String? = nil, cache: DecodeCache? = nil) {
        self.baseURL = baseURL
        self.includeDrafts = includeDrafts
        self.sourceDateEpoch = sourceDateEpoch
        self.cache = cache
    }
}

/// The outcome of a build or check: every diagnostic, the rendered files,
/// and how long each step took.
public struct BuildResult: Sendable {
    public var diagnostics: DiagnosticBag
    /// Every source read (documents only with `keepsDocumentSources`), so
    /// diagnostics can show the offending line.
    public var sources: [String: SourceFile]
    /// Whether Markdown sources were read but not kept (see
    /// `keepsDocumentSources`): a diagnostic that shows one of their lines
    /// reads the file again from `fileSystem`.
    var rereadsDocumentSources = false
    var fileSystem: (any FileSystem)?
    /// The site's files; empty when the build failed.
    public var files: [OutputFile]
    public var timings: [(step: String, seconds: Double)]
    /// The published documents (with their versions), when the content loaded.
    public var documents: [Document] = []
    /// The resolved site and its templates, when the content loaded (the
    /// preview renders single pages with it between full builds).
    public var renderer: SiteRenderer?
    /// SHA-256 over every input file (as in the manifest), when the build succeeded.
    public var contentDigest: String?
    /// What every page was made with (`SiteBuilder`'s salt and
    /// `PageInputs.keys`) and every status update, for the next quick
    /// build (see `QuickBuild.State`); nil without fingerprints or a cache.
    public var salt: String?
    public var inputKeys: PageInputs.Keys?
    public var trackerUpdates: Trackers.Updates?
    public var documentCount: Int { documents.count }

    public var succeeded: Bool { !diagnostics.hasErrors }

    /// Diagnostics in `format` (by default for people, with source lines and
    /// carets). `pathPrefix` is put before each path, so paths are relative to
    /// where the command runs (a CI checkout) rather than to the site folder.
    public func formattedDiagnostics(_ format: DiagnosticFormat = .text, pathPrefix: String = "") -> String {
        let sources = self.sources
        let (fileSystem, rereads) = (self.fileSystem, rereadsDocumentSources)
        let read = Memo<String, SourceFile?>()
        let shown = diagnostics.sorted.map { diagnostic in
            var shown = diagnostic
            shown.file = pathPrefix + diagnostic.file
            return shown
        }
        return format.render(shown) { file, line in
            let path = String(file.dropFirst(pathPrefix.count))
            if let source = sources[path] { return source.line(line) }
            guard rereads, path.hasSuffix(".md") else { return nil }
            return read.value(for: path) { (try? fileSystem?.read(path)).flatMap { try? SourceFile(path: path, data: $0) } }?.line(line)
        }
    }
}

extension BuildResult: CustomStringConvertible {
    /// A short summary, so a failing check shows counts, not every source file.
    public var description: String {
        "BuildResult(\(files.count) files, \(diagnostics.errorCount) errors, \(diagnostics.warningCount) warnings)"
    }
}
