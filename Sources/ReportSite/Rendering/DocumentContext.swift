/// The fields every document page shows, whatever its kind.
struct DocumentContext {
    struct Change {
        let date: DateContext
        let note: String
    }

    /// What a reader of an old version needs: that it is old, and where the current one is.
    struct Superseded {
        let number: Int
        let currentNumber: Int
        let supersededOn: DateContext
        let note: String
        let currentHref: String
    }

    let layout: LayoutContext
    let title: String
    let summary: String?
    let kindLabel: String
    let kindPlural: String
    let kindHref: String
    let date: DateContext?
    let organisation: String?
    let published: DateContext?
    let lastUpdated: DateContext?
    let topics: [String]
    let changes: [Change]
    let withdrawn: Bool
    let withdrawnReason: String?
    /// The number of the version shown, and of the current one.
    let versionNumber: Int
    let historyHref: String
    /// Set on a superseded version's page.
    let superseded: Superseded?
    /// Level-2 headings, for the contents list.
    let contents: [ContentsEntry]
    /// The body, read only if the page is rendered.
    let bodyHTML: BodyHTML
    /// The kinds' contexts cut their parts from it.
    var body: PageBody { bodyHTML.page }

    /// `document` is the version shown; `current` is the document it belongs to
    /// (the same when showing the current version).
    init(_ document: Document, graph: SiteGraph, current: Document? = nil, version: FrozenVersion? = nil) {
        let current = current ?? document
        let path = version.map { SiteGraph.path(of: current) + "v\($0.number)/" } ?? SiteGraph.path(of: current)
        let pageTitle = version.map { "\(document.title) (version \($0.number), superseded)" } ?? document.title
        layout = LayoutContext(
            graph: graph, pageTitle: pageTitle, description: document.summary, sitePath: path,
            firstPublished: document.metadata?.published, updated: document.metadata?.lastUpdated,
            dataPath: version == nil ? SiteGraph.path(of: current) + "document.json" : nil)
        title = document.title
        summary = document.summary
        kindLabel = document.kind.singular
        kindPlural = document.kind.plural
        kindHref = graph.href("/\(document.kind.folder)/")
        let metadata = document.metadata
        date = metadata.map { DateContext($0.date) }
        organisation = metadata.flatMap { graph.config.organisation($0.organisation)?.name }
        published = metadata.map { DateContext($0.published) }
        let updated = metadata.map(\.lastUpdated)
        lastUpdated = updated.flatMap { $0 != metadata?.published ? DateContext($0) : nil }
        topics = metadata?.topics ?? []
        changes = (metadata?.changes ?? []).map { Change(date: DateContext($0.date), note: $0.note) }
        withdrawn = metadata?.status == .withdrawn
        withdrawnReason = metadata?.withdrawnReason
        versionNumber = version?.number ?? current.versionNumber
        historyHref = graph.href(SiteGraph.path(of: current) + "history/")
        superseded = version.map {
            Superseded(number: $0.number, currentNumber: current.versionNumber, supersededOn: DateContext($0.supersededOn),
                note: $0.note, currentHref: graph.href(SiteGraph.path(of: current)))
        }
        contents = document.headings.filter { $0.level == 2 }.map { ContentsEntry(text: $0.text, href: "#\($0.id)") }
        bodyHTML = PageBody(document.body).whole
    }
}
