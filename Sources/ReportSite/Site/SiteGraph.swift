/// The resolved site: which documents are published, where each page lives,
/// and how pages link to each other. Built once from the loaded content.
public struct SiteGraph: Sendable {
    public let config: SiteConfig
    /// Published and withdrawn documents (drafts only when asked for).
    public let documents: [Document]
    /// Path prefix of the site on its host, from the base URL (`/` or `/opcc/`).
    public let basePath: String
    /// The absolute base URL, ending in `/`.
    public let baseURL: String
    /// Site paths that exist as content but are not published: drafts.
    public let draftSitePaths: Set<String>
    /// Site paths of documents that failed to load.
    public let failedSitePaths: Set<String>
    /// Recommendations and actions across documents, with their status histories.
    public let trackers: Trackers
    /// The figures documents report, by metric.
    public let metrics: Metrics
    let index: Index

    /// Resolves `content`: drops drafts (unless `includeDrafts`), checks that
    /// no two pages claim one URL, and reports problems.
    public static func resolve(
        _ content: LoadedContent, baseURL override: String? = nil, includeDrafts: Bool = false,
        diagnostics: inout DiagnosticBag
    ) -> SiteGraph {
        let baseURL = normalisedBaseURL(override ?? content.site.baseURL)
        let documents = content.documents.filter { includeDrafts || !$0.isDraft }
        var owners: [String: String] = [:]
        for reserved in reservedPaths { owners[reserved] = "reportsite's own \(reserved) page" }
        for document in documents {
            let path = SiteGraph.path(of: document)
            if let owner = owners[path] {
                diagnostics.error(document.path, SourcePosition(line: 1, column: 1),
                    "this page would be published at \(path), which already belongs to \(owner)",
                    note: "rename the file: its name is its address")
            } else {
                owners[path] = document.path
            }
        }
        for document in documents {
            for moved in document.metadata?.movedFrom ?? [] {
                if let owner = owners[moved.sitePath] {
                    diagnostics.error(document.path, moved.position,
                        "\(moved.sitePath) cannot redirect here: it belongs to \(owner)",
                        note: "moved_from lists addresses this document used to have and that nothing else uses now")
                } else {
                    owners[moved.sitePath] = "the redirect of \(document.path)"
                }
            }
        }
        let drafts = content.documents.filter { !includeDrafts && $0.isDraft }.map(SiteGraph.path(of:))
        let trackers = Trackers.build(documents, diagnostics: &diagnostics)
        let metrics = Metrics.build(
            definitions: content.metrics, documents: documents, config: content.site, diagnostics: &diagnostics)
        return SiteGraph(
            config: content.site, documents: documents, basePath: content.site.basePath(override: override),
            baseURL: baseURL, draftSitePaths: Set(drafts), failedSitePaths: content.failedSitePaths, trackers: trackers,
            metrics: metrics, index: Index(documents))
    }

    /// Site paths reportsite generates itself, which a page must not take.
    static var reservedPaths: [String] {
        ["/", "/assets/", "/recommendations/", "/actions/", "/publication-scheme/", "/topics/", "/organisations/",
            "/data/", "/open-data/", "/search/", "/trends/"]
            + DocumentKind.allCases.filter(\.isListed).map { "/\($0.folder)/" }
    }

    /// The site path of a document: `/reports/<slug>/`, or `/<slug>/` for a page.
    public static func path(of document: Document) -> String {
        document.kind.sitePath(slug: document.slug)
    }

    /// A link target for a site path, honouring the base path.
    public func href(_ sitePath: String) -> String {
        basePath + sitePath.drop { $0 == "/" }
    }

    /// The absolute URL of a site path (for canonical links and feeds).
    public func absoluteURL(_ sitePath: String) -> String {
        baseURL + sitePath.drop { $0 == "/" }
    }

    /// Listed documents of `kind`, newest first (ties broken by slug, so the order is stable).
    /// Withdrawn documents keep their page but leave the lists.
    public func documents(of kind: DocumentKind) -> [Document] {
        index.byKind[kind] ?? []
    }

    /// Every listed document that is not withdrawn, newest first.
    public var publications: [Document] { index.publications }

    /// The published document at `path` (a root-relative file path).
    public func document(atPath path: String) -> Document? { index.byPath[path] }

    /// Lookups worked out once, since pages ask for them thousands of times.
    struct Index: Sendable {
        let byKind: [DocumentKind: [Document]]
        let publications: [Document]
        let byPath: [String: Document]

        init(_ documents: [Document]) {
            let listed = SiteGraph.sortedNewestFirst(documents.filter { $0.kind.isListed && $0.metadata?.status != .withdrawn })
            publications = listed
            byKind = Dictionary(grouping: listed, by: \.kind)
            byPath = Dictionary(documents.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// `documents` newest first, ties broken by slug; a stable sort, so
    /// documents with the same date and slug keep their order. It sorts small
    /// keys, not the documents: moving a `Document` copies a dozen references.
    static func sortedNewestFirst(_ documents: [Document]) -> [Document] {
        let keys = documents.map { (date: $0.metadata?.date, slug: $0.slug) }
        return keys.indices.sorted { a, b in
            let da = keys[a].date, db = keys[b].date
            if da != db, let da, let db { return da > db }
            return keys[a].slug < keys[b].slug
        }.map { documents[$0] }
    }

    static func normalisedBaseURL(_ url: String) -> String {
        url.hasSuffix("/") ? url : url + "/"
    }

}
