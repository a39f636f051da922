/// One Markdown file of `Content/`, decoded and rendered.
public struct Document: Sendable, Codable {
    /// Indirect: a copy of the document shares its content (see `Boxed`).
    public indirect enum Content: Sendable, Codable {
        case meeting(AssuranceMeeting)
        case report(BoardReport)
        case response(InspectionResponse)
        case page(Page)
    }

    /// What a document holds, behind one reference: the site graph copies
    /// documents into its lists, topics, trackers and page plans, and a copy
    /// of a dozen references cost a dozen retains (and as many releases) each time.
    struct Fields: Sendable, Codable {
        var path: String
        var kind: DocumentKind
        var slug: String
        @Boxed var metadata: CommonMetadata?
        var content: Content
        var body: DocumentBody
        var headings: [Heading]
        var links: [MarkdownLink]
        var markdown: String
        var charts: [ChartBlock] = []
        var versions: [FrozenVersion] = []
        var revision: String?
        var face = ""
    }

    @Boxed var fields: Fields

    init(
        path: String, kind: DocumentKind, slug: String, metadata: CommonMetadata?, content: Content, body: DocumentBody,
        headings: [Heading], links: [MarkdownLink], markdown: String, charts: [ChartBlock] = []
    ) {
        fields = Fields(
            path: path, kind: kind, slug: slug, metadata: metadata, content: content, body: body, headings: headings,
            links: links, markdown: markdown, charts: charts)
    }

    init(fields: Fields) {
        self.fields = fields
    }

    /// Coded as its fields, as the decode cache writes it (a field list,
    /// see `CacheCoder+Documents.swift`).
    public init(from decoder: Decoder) throws {
        fields = try Fields(from: decoder)
    }

    public func encode(to encoder: Encoder) throws {
        try fields.encode(to: encoder)
    }

    /// Path relative to the site root (`Content/reports/2017-09-01-ap17-47.md`).
    public var path: String {
        get { fields.path }
        set { fields.path = newValue }
    }
    public var kind: DocumentKind {
        get { fields.kind }
        set { fields.kind = newValue }
    }
    /// The file name without `.md`; part of the permanent URL.
    public var slug: String {
        get { fields.slug }
        set { fields.slug = newValue }
    }
    /// Common fields; nil for plain pages.
    public var metadata: CommonMetadata? {
        get { fields.metadata }
        set { fields.metadata = newValue }
    }
    public var content: Content {
        get { fields.content }
        set { fields.content = newValue }
    }
    /// The whole body as HTML (in memory, or spilled to a file by `build`).
    public var body: DocumentBody {
        get { fields.body }
        set { fields.body = newValue }
    }
    /// Headings of the body, for contents lists.
    public var headings: [Heading] {
        get { fields.headings }
        set { fields.headings = newValue }
    }
    /// Links written in the body, checked once every page exists.
    public var links: [MarkdownLink] {
        get { fields.links }
        set { fields.links = newValue }
    }
    /// The Markdown body as written, for the differences between versions:
    /// kept by the loader only for documents that have versions (and for the versions).
    public var markdown: String {
        get { fields.markdown }
        set { fields.markdown = newValue }
    }
    /// Charts placed in the body.
    public var charts: [ChartBlock] {
        get { fields.charts }
        set { fields.charts = newValue }
    }
    /// Superseded versions, oldest first (see `VersionHistory`).
    public var versions: [FrozenVersion] {
        get { fields.versions }
        set { fields.versions = newValue }
    }
    /// What this file was decoded from (its decode-cache key: its bytes,
    /// path, site.yml, base path and generator); nil without a cache.
    var revision: String? {
        get { fields.revision }
        set { fields.revision = newValue }
    }
    /// SHA-256 of the document as other pages see it (see `PageInputs.face`);
    /// empty without a cache.
    var face: String {
        get { fields.face }
        set { fields.face = newValue }
    }

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
