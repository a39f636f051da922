/// One Markdown file of `Content/`, decoded and rendered.
public struct Document: Sendable, Codable {
    /// Indirect: a copy of the document shares its content (see `Boxed`).
    public indirect enum Content: Sendable, Codable {
        case meeting(AssuranceMeeting)
        case report(BoardReport)
        case response(InspectionResponse)
        case page(Page)
    }

    /// Path relative to the site root (`Content/reports/2017-09-01-ap17-47.md`).
    public var path: String
    public var kind: DocumentKind
    /// The file name without `.md`; part of the permanent URL.
    public var slug: String
    /// Common fields; nil for plain pages.
    @Boxed public var metadata: CommonMetadata?
    public var content: Content
    /// The whole body as HTML (in memory, or spilled to a file by `build`).
    public var body: DocumentBody
    /// Headings of the body, for contents lists.
    public var headings: [Heading]
    /// Links written in the body, checked once every page exists.
    public var links: [MarkdownLink]
    /// The Markdown body as written, for the differences between versions:
    /// kept by the loader only for documents that have versions (and for the versions).
    public var markdown: String
    /// Charts placed in the body.
    public var charts: [ChartBlock] = []
    /// Superseded versions, oldest first (see `VersionHistory`).
    public var versions: [FrozenVersion] = []
    /// What this file was decoded from (its decode-cache key: its bytes,
    /// path, site.yml, base path and generator); nil without a cache.
    var revision: String?
    /// SHA-256 of the document as other pages see it (see `PageInputs.face`);
    /// empty without a cache.
    var face = ""

    /// The current version's number: 1 + the number of major changes.
    public var versionNumber: Int { versions.count + 1 }

    public var title: String {
        if let metadata { return metadata.title }
        if case let .page(page) = content { return page.title }
        return slug
    }

    public var summary: String? {
        if let metadata { return metadata.summary }
        if case let .page(page) = content { return page.summary }
        return nil
    }

    public var isDraft: Bool { metadata?.status == .draft }
}

/// A published version that a major change replaced. It stays readable at
/// `/<kind>/<slug>/v<N>/`, and its file is sealed in the integrity lock.
public struct FrozenVersion: Sendable, Codable {
    public var number: Int
    /// The version as it was published, decoded from its frozen file.
    public var document: Document
    /// The day the next version replaced it.
    public var supersededOn: Day
    /// The public change note of that replacement.
    public var note: String
}
