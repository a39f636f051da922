import Foundation

/// Everything read from `Content/`: the site configuration and its documents.
public struct LoadedContent: Sendable {
    public var site: SiteConfig
    /// Every current document (drafts included), sorted by path, each with its
    /// superseded versions.
    public var documents: [Document]
    /// Site paths of documents that failed to load: links to them are not
    /// reported again as broken, the file's own errors say what is wrong.
    public var failedSitePaths: Set<String> = []
    /// `Content/data/metrics.yml`: what the documents' figures measure.
    public var metrics: [MetricDefinition] = []
}

/// One Markdown file to decode: a current document or a frozen version of one.
struct DocumentJob: Sendable {
    var path: String
    var kind: DocumentKind
    var slug: String
    /// Set for a frozen version (`<slug>.versions/v<N>.md`).
    var version: Int?

    /// The path of the current document (links in a frozen version resolve from there).
    var currentPath: String {
        version == nil ? path : "\(ContentLoader.contentFolder)/\(kind.folder)/\(slug).md"
    }
}

/// Discovers, decodes and renders the documents of a site folder.
public enum ContentLoader {
    public static let contentFolder = "Content"
    /// Folders under Content/ kept for data and assets rather than documents.
    static let reservedFolders: Set<String> = ["data", "assets"]
    /// Frozen versions of `x.md` live in `x.versions/`.
    static let versionsSuffix = ".versions"

    /// Loads the site; returns nil content when an error makes it unusable.
    /// `sources` receives every text file read, for showing offending lines;
    /// with `keepDocumentSources` false, Markdown files are left out (a
    /// diagnostic reads its file again), so they are not all held at once.
    public static func load(
        from fileSystem: FileSystem, baseURL: String? = nil, cache: DecodeCache? = nil, diagnostics: inout DiagnosticBag,
        sources: inout [String: SourceFile], keepDocumentSources: Bool = true, spill: BodySpill? = nil,
        digests: [String: String] = [:]
    ) -> LoadedContent? {
        let siteFile = "\(contentFolder)/site.yml"
        guard fileSystem.exists(siteFile) else {
            diagnostics.error(siteFile, nil, "no site.yml: is this a reportsite folder?",
                note: "pass the folder that holds Content/ and Templates/ with --root")
            return nil
        }
        let site: SiteConfig?
        do {
            let source = try fileSystem.readText(siteFile)
            sources[siteFile] = source
            let (config, problems) = SiteConfig.load(source)
            diagnostics.append(contentsOf: problems)
            site = config
        } catch {
            diagnostics.append(asDiagnostic(error, path: siteFile))
            return nil
        }

        let paths: [String]
        do {
            paths = try fileSystem.files(under: contentFolder)
        } catch {
            diagnostics.append(asDiagnostic(error, path: contentFolder))
            return nil
        }
        var jobs: [DocumentJob] = []
        for path in paths where path != siteFile && path != IntegrityLock.path {
            if let job = classify(path, into: &diagnostics) { jobs.append(job) }
        }
        guard let site else { return nil }
        let current = jobs.filter { $0.version == nil }
        let index = DocumentIndex(current.map { ($0.path, $0.kind.sitePath(slug: $0.slug)) })
        let basePath = site.basePath(override: baseURL)
        let siteText = sources[siteFile]?.text ?? ""
        cache?.begin(paths: Set(jobs.map(\.path)))
        // Only a history page compares Markdown, and only between versions:
        // every other body is dropped as soon as it is decoded, so a large
        // site never holds all of them (as Markdown and HTML) at once.
        let versioned = Set(jobs.filter { $0.version != nil }.map(\.currentPath))

        // Decoding and rendering are independent per file: run them in parallel,
        // keep results in path order.
        let results = ParallelMap.map(jobs) { job -> (SourceFile?, Document?, [Diagnostic]) in
            do {
                let resolve: @Sendable (String) -> DocumentLinkTarget = { index.resolve($0, from: job.currentPath) }
                let keepsMarkdown = job.version != nil || versioned.contains(job.path)
                let context = cacheContext(siteText: siteText, basePath: basePath, path: job.path)
                // A file whose digest the caller knows, and whose text is not
                // wanted, is not even read when its entry is still good: most
                // of an incremental build's documents.
                var missed: String?  // a key already looked up in vain
                if let cache, let digest = digests[job.path], !keepDocumentSources, !keepsMarkdown {
                    let key = cache.key(digest: digest, context: context)
                    if let hit = cache.lookup(job.path, key: key, bodyInPlace: spill != nil, resolve: resolve) {
                        var document = hit.document(source: nil)
                        document?.revision = key
                        if let spill { document?.body.spill(to: spill) }
                        return (nil, document, hit.diagnostics)
                    }
                    missed = key
                }
                let data = try fileSystem.read(job.path)
                let source = try SourceFile(path: job.path, data: data)
                let key = cache?.key(digest: IntegrityLock.sha256(data), context: context)
                let kept = keepDocumentSources ? source : nil
                if let cache, let key, key != missed,
                    let hit = cache.lookup(job.path, key: key, bodyInPlace: spill != nil, resolve: resolve)
                {
                    var document = hit.document(source: keepsMarkdown ? source : nil)
                    document?.revision = key
                    if let spill { document?.body.spill(to: spill) }
                    return (kept, document, hit.diagnostics)
                }
                var (document, problems) = decode(source, job, site: site, basePath: basePath, resolve: resolve, cache: cache, key: key)
                if !keepsMarkdown { document?.markdown = "" }
                if let spill { document?.body.spill(to: spill) }
                return (kept, document, problems)
            } catch {
                return (nil, nil, [asDiagnostic(error, path: job.path)])
            }
        }
        cache?.finish(paths: Set(jobs.map(\.path)))
        var documents: [Document] = []
        var frozen: [(job: DocumentJob, document: Document)] = []
        var failed: Set<String> = []
        for (job, (source, document, problems)) in zip(jobs, results) {
            if let source { sources[source.path] = source }
            diagnostics.append(contentsOf: problems)
            switch (document, job.version) {
            case let (document?, nil): documents.append(document)
            case let (document?, _?): frozen.append((job, document))
            case (nil, nil): failed.insert(job.kind.sitePath(slug: job.slug))
            case (nil, _?): break
            }
        }
        let lock = IntegrityLock.load(from: fileSystem, diagnostics: &diagnostics, sources: &sources)
        lock.verify(frozenPaths: jobs.compactMap { $0.version == nil ? nil : $0.path }, in: fileSystem, into: &diagnostics)
        VersionHistory.attach(frozen, to: &documents, lock: lock, failed: failed, into: &diagnostics)
        // A versions folder whose versions all failed to load leaves a body behind.
        for index in documents.indices where documents[index].versions.isEmpty {
            documents[index].markdown = ""
        }
        let metrics = MetricDefinition.load(from: fileSystem, diagnostics: &diagnostics, sources: &sources)
        return LoadedContent(site: site, documents: documents, failedSitePaths: failed, metrics: metrics)
    }

    /// What every document's decoding depends on besides its own bytes and
    /// the document links it uses (the cache checks those one by one): the
    /// cache key's context for the file at `path`.
    static func cacheContext(siteText: String, basePath: String, path: String) -> String {
        [siteText, basePath, path].joined(separator: "\u{0}")
    }

    /// Decodes `source` (not taken from the cache) and, with a cache, keeps
    /// it there under `key` with its face; its revision is that key.
    static func decode(
        _ source: SourceFile, _ job: DocumentJob, site: SiteConfig, basePath: String,
        resolve: @escaping @Sendable (String) -> DocumentLinkTarget, cache: DecodeCache?, key: String?
    ) -> (Document?, [Diagnostic]) {
        let lookups = LinkLookups(resolve)
        var (document, problems) = DocumentDecoder.decode(
            source, kind: job.kind, slug: job.slug, site: site, basePath: basePath, documentLink: { lookups($0) })
        if let cache, let key {
            // What the page reuse needs (see `PageInputs`): the face is
            // kept in the cache entry, the revision is the entry's key.
            let face = document.flatMap(PageInputs.face(of:)) ?? ""
            document?.face = face
            cache.store(job.path, .init(key: key, links: lookups.seen, source: source, document: document, diagnostics: problems))
            document?.revision = key
        }
        return (document, problems)
    }

    /// Works out a file's kind and slug from where it is, or reports why it cannot be a document.
    static func classify(_ path: String, into diagnostics: inout DiagnosticBag) -> DocumentJob? {
        let parts = path.split(separator: "/").map(String.init)
        let name = parts.last ?? path
        if name.hasPrefix(".") { return nil }
        if parts.count >= 3, reservedFolders.contains(parts[1]) { return nil }
        let folders = DocumentKind.allCases.map(\.folder)
        guard name.hasSuffix(".md") else {
            diagnostics.warning(path, nil, "not a Markdown file, so it is not published",
                note: "documents are .md files in one of: \(folders.joined(separator: ", "))")
            return nil
        }
        let isVersion = parts.count == 4 && parts[2].hasSuffix(versionsSuffix)
        guard parts.count == 3 || isVersion else {
            diagnostics.error(path, SourcePosition(line: 1, column: 1),
                parts.count == 2 ? "documents must be in a folder that names their kind"
                    : "documents cannot be in sub-folders of a kind's folder",
                note: "put it in Content/<kind>/ where <kind> is one of: \(folders.joined(separator: ", "))")
            return nil
        }
        guard let kind = DocumentKind(folder: parts[1]) else {
            diagnostics.error(path, SourcePosition(line: 1, column: 1), "'\(parts[1])' is not a kind of document",
                note: Suggestion.note(for: parts[1], in: folders) ?? "kinds: \(folders.joined(separator: ", "))")
            return nil
        }
        if isVersion {
            let slug = String(parts[2].dropLast(versionsSuffix.count))
            guard name.hasPrefix("v"), let number = Int(name.dropFirst().dropLast(3)), number >= 1 else {
                diagnostics.error(path, SourcePosition(line: 1, column: 1), "'\(name)' is not a version file name",
                    note: "frozen versions are named v1.md, v2.md, …; they are made by 'reportsite amend'")
                return nil
            }
            return DocumentJob(path: path, kind: kind, slug: slug, version: number)
        }
        let slug = String(name.dropLast(3))
        guard isValidSlug(slug) else {
            diagnostics.error(path, SourcePosition(line: 1, column: 1),
                "the file name '\(name)' cannot be used in a web address",
                note: "use lower-case letters, digits and hyphens only, e.g. 2017-09-01-ap17-47.md")
            return nil
        }
        return DocumentJob(path: path, kind: kind, slug: slug)
    }

    /// The job of a current document (`Content/<kind>/<slug>.md`, not a
    /// frozen version), or nil for any other file; reports nothing.
    static func currentDocument(_ path: String) -> DocumentJob? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == contentFolder, parts[2].hasSuffix(".md"), !parts[2].hasPrefix("."),
            let kind = DocumentKind(folder: String(parts[1]))
        else { return nil }
        let slug = String(parts[2].dropLast(3))
        return isValidSlug(slug) ? DocumentJob(path: path, kind: kind, slug: slug) : nil
    }

    /// Slugs become URL path segments: keep them to a safe alphabet so they can
    /// never escape Output/ or need escaping.
    static func isValidSlug(_ slug: String) -> Bool {
        guard let first = slug.unicodeScalars.first, first != "-" else { return false }
        return slug.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    static func asDiagnostic(_ error: Error, path: String) -> Diagnostic {
        if let diagnostic = error as? Diagnostic { return diagnostic }
        return .error(path, nil, "could not read the file: \(error.localizedDescription)")
    }
}
