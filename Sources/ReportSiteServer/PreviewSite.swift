import Foundation
import ReportSite

/// The site as the preview serves it: the newest successful build, in
/// memory, with live reload added to its pages; and the problems of the
/// newest build when it failed. Rebuilds reuse unchanged documents.
public actor PreviewSite {
    public enum Event: Sendable, Equatable {
        /// A build succeeded: reload.
        case reload(generation: Int)
        /// A build failed: show these problems.
        case errors(String)

        var json: String {
            switch self {
            case let .reload(generation): #"{"type":"reload","generation":\#(generation)}"#
            case let .errors(text):
                #"{"type":"errors","text":"# + Text.jsonQuoted(text) + "}"
            }
        }
    }

    public let fileSystem: FileSystem
    public let options: BuildOptions
    /// The files being served, as built (live reload is added as they are served).
    private var files: [String: OutputFile] = [:]
    /// The newest successful full build: its graph draws quick pages, its
    /// files are reused by the next build when their fingerprints match.
    private var lastGood: BuildResult?
    public private(set) var generation = 0
    /// Formatted problems of the newest build, when it failed.
    public private(set) var problems: String?
    private var listeners: [UUID: AsyncStream<Event>.Continuation] = [:]
    /// Full builds started so far, and the pages quickly redrawn since each
    /// began: a build that started before an edit must not hide it.
    private var buildsStarted = 0
    private var redrawn: [String: (page: OutputFile, during: Int)] = [:]

    public init(fileSystem: FileSystem, options: BuildOptions) {
        self.fileSystem = fileSystem
        var options = options
        if options.cache == nil { options.cache = DecodeCache() }
        if options.searchWords == nil { options.searchWords = SearchWordCache() }
        options.fingerprintPages = true
        self.options = options
    }

    /// Builds the whole site again (off the actor, so pages are still served
    /// meanwhile) and tells every open page when anything it could show changed.
    @discardableResult
    public func rebuild() async -> BuildResult {
        var options = self.options
        options.previous = lastGood.map { PreviousOutput(files: $0.files) }
        let fileSystem = self.fileSystem
        buildsStarted += 1
        let build = buildsStarted
        let result = await Task.detached { SiteBuilder.build(fileSystem, options: options) }.value
        // Pages redrawn while this build ran are newer than what it read.
        redrawn = redrawn.filter { $0.value.during >= build }
        if result.succeeded {
            // Data files (search index, manifest, feeds) change with every
            // edit but are not what an open page shows: they alone reload nothing.
            let changed = generation == 0 || problems != nil || result.files.count != files.count
                || result.files.contains { file in
                    !file.path.hasSuffix(".json") && !file.path.hasSuffix(".xml") && files[file.path]?.data != file.data
                }
            files = Dictionary(result.files.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
            for (path, newer) in redrawn { files[path] = newer.page }
            lastGood = result
            problems = nil
            if changed {
                generation += 1
                broadcast(.reload(generation: generation))
            }
        } else {
            problems = result.formattedDiagnostics()
            broadcast(.errors(problems!))
        }
        return result
    }

    /// Shows an edit at once when `changes` are only the bodies of existing
    /// documents (see `QuickRender`): their pages are drawn and open pages
    /// reload. Returns the pages redrawn, or nil when a full rebuild must
    /// show the change. Either way the caller then rebuilds the whole site.
    public func quickUpdate(_ changes: Set<String>) -> [String]? {
        guard problems == nil, let lastGood else { return nil }
        // Editors save through temporary files (written, then renamed over
        // the document, or deleted): ones that are gone again and were never
        // part of the site, and hidden files, are not changes to the site.
        let relevant = changes.filter { path in
            !(path.split(separator: "/").last?.hasPrefix(".") ?? false)
                && (lastGood.sources[path] != nil || fileSystem.exists(path))
        }
        guard !relevant.isEmpty, relevant.allSatisfy({ $0.hasPrefix("Content/") && $0.hasSuffix(".md") }) else { return nil }
        var pages: [OutputFile] = []
        for path in relevant.sorted() {
            guard let (page, _) = QuickRender.page(at: path, in: fileSystem, after: lastGood) else { return nil }
            pages.append(page)
        }
        for page in pages {
            files[page.path] = page
            redrawn[page.path] = (page, buildsStarted)
        }
        generation += 1
        broadcast(.reload(generation: generation))
        return pages.map(\.path)
    }

    /// A stream of build events for one open page.
    public func events() -> AsyncStream<Event> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Event>.makeStream()
        listeners[id] = continuation
        continuation.onTermination = { _ in Task { await self.removeListener(id) } }
        return stream
    }

    private func removeListener(_ id: UUID) {
        listeners[id] = nil
    }

    private func broadcast(_ event: Event) {
        for listener in listeners.values { listener.yield(event) }
    }

    /// The bytes at an output path, if the newest build has them; pages
    /// get the live-reload script.
    public func file(_ path: String) -> Data? {
        guard let data = files[path]?.data else { return nil }
        return path.hasSuffix(".html") ? LiveReload.inject(data) : data
    }

    public var hasBuilt: Bool { generation > 0 }
}

