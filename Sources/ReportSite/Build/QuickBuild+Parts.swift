import Foundation

extension QuickBuild {
    /// How the inputs differ from the last build's: only existing documents
    /// may have changed, each a file the last build reported nothing in.
    struct InputChanges {
        struct Change: Sendable {
            let job: DocumentJob
            /// The last build's record of the file.
            let old: PreviousOutput.Record
            let size: Int
            let modified: Int
            let data: Data
            let sha256: String
        }

        /// Documents whose bytes changed.
        var edited: [Change] = []
        /// Files whose time changed but not their bytes: their new records.
        var touched: [PreviousOutput.Record] = []

        /// Beyond this many documents, the full build is about as quick.
        static let limit = 16

        init?(walked: [FileStat.Input], stamp: BuildStamp.Lines, root: URL, reported: Set<String>) {
            guard let changed = stamp.inputChanges(walked), !changed.isEmpty, changed.count <= Self.limit else { return nil }
            let base = root.standardizedFileURL.path(percentEncoded: false)
            for (old, now) in changed {
                guard let job = ContentLoader.currentDocument(old.path), !reported.contains(old.path),
                    let data = FileManager.default.contents(atPath: (base.hasSuffix("/") ? base : base + "/") + old.path)
                else { return nil }
                let sha256 = IntegrityLock.sha256(data)
                if sha256 == old.sha256 {
                    touched.append(PreviousOutput.Record(
                        path: old.path, size: now.size, modified: now.modified, sha256: sha256, fingerprint: nil))
                } else {
                    edited.append(Change(job: job, old: old, size: now.size, modified: now.modified, data: data, sha256: sha256))
                }
            }
            guard !edited.isEmpty else { return nil }
        }

        /// The edited documents' new input records.
        func records(_ edits: [Edit]) -> [PreviousOutput.Record] {
            edits.map { edit in
                let change = edit.change
                return PreviousOutput.Record(
                    path: change.old.path, size: change.size, modified: change.modified, sha256: change.sha256, fingerprint: nil)
            }
        }
    }

    /// What every page reads besides its documents: site.yml, the base
    /// path, the templates, and where each document is published.
    struct Site {
        let config: SiteConfig
        let siteText: String
        let basePath: String
        let baseURL: String
        let index: DocumentIndex
        let templates: TemplateLibrary
        let templateSources: [SourceFile]

        /// The templates, loaded on their own (a quick build loads them
        /// on another core while it reads its state and inputs).
        struct Templates: Sendable {
            let library: TemplateLibrary
            let sources: [SourceFile]

            init?(root: URL, walked: [FileStat.Input]) {
                let prefix = TemplateLibrary.folder + "/"
                let fileSystem = DiskFileSystem(root: root, walked: walked.lazy.map(\.path).filter { $0.hasPrefix(prefix) })
                var diagnostics = DiagnosticBag()
                var sources: [String: SourceFile] = [:]
                guard let library = TemplateLibrary.load(from: fileSystem, diagnostics: &diagnostics, sources: &sources),
                    diagnostics.all.isEmpty
                else { return nil }
                self.library = library
                self.sources = sources.filter { $0.key.hasPrefix(prefix) }.sorted { $0.key < $1.key }.map(\.value)
            }
        }

        init?(root: URL, walked: [FileStat.Input], templates: Templates, options: BuildOptions) {
            let fileSystem = DiskFileSystem(root: root)
            let siteFile = "\(ContentLoader.contentFolder)/site.yml"
            guard let source = try? fileSystem.readText(siteFile) else { return nil }
            let (config, problems) = SiteConfig.load(source)
            guard let config, problems.isEmpty else { return nil }
            self.config = config
            siteText = source.text
            basePath = config.basePath(override: options.baseURL)
            baseURL = SiteGraph.normalisedBaseURL(options.baseURL ?? config.baseURL)
            index = DocumentIndex(files: Set(walked.map(\.path)))
            self.templates = templates.library
            templateSources = templates.sources
        }

        /// The site as `documents`' own pages see it: these documents, with
        /// the trackers the rest of the site gives them, and no figures (a
        /// document with a chart never comes this way).
        func graph(_ documents: [Document], updates: Trackers.Updates) -> SiteGraph {
            SiteGraph(
                config: config, documents: documents, basePath: basePath, baseURL: baseURL, draftSitePaths: [],
                failedSitePaths: [], trackers: Trackers.of(documents, updates: updates),
                metrics: Metrics(definitions: [], series: [:]), index: SiteGraph.Index(documents))
        }
    }

    /// One edited document: as decoded now, and as the last build had it.
    struct Edit: Sendable {
        let change: InputChanges.Change
        let document: Document
        let old: Document

        /// Nil unless the document decodes without a problem, looks to other
        /// pages as it did, and has nothing that reads the whole site.
        init?(_ change: InputChanges.Change, site: Site, cache: DecodeCache) {
            let path = change.job.path
            let index = site.index
            let resolve: @Sendable (String) -> DocumentLinkTarget = { index.resolve($0, from: path) }
            let context = ContentLoader.cacheContext(siteText: site.siteText, basePath: site.basePath, path: path)
            // The old entry first: storing the new one replaces its file.
            let oldKey = cache.key(digest: change.old.sha256, context: context)
            guard var old = cache.lookupPrevious(path, key: oldKey, resolve: resolve)?.document(source: nil), !old.face.isEmpty,
                let source = try? SourceFile(path: path, data: change.data)
            else { return nil }
            old.revision = oldKey
            let key = cache.key(digest: change.sha256, context: context)
            let (decoded, problems) = ContentLoader.decode(
                source, change.job, site: site.config, basePath: site.basePath, resolve: resolve, cache: cache, key: key)
            guard var document = decoded, problems.isEmpty, document.face == old.face, !document.isDraft,
                document.metadata?.changes.isEmpty ?? true, document.charts.isEmpty, !document.body.hasChart
            else { return nil }
            document.markdown = ""
            self.change = change
            self.document = document
            self.old = old
        }
    }
}
