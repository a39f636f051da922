/// The fields every document page shows, whatever its kind.
struct DocumentContext {
    struct Change {
        let date: DateContext
        let note: String
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
    /// Level-2 headings, for the contents list.
    let contents: [ContentsEntry]
    let bodyHTML: TrustedHTML

    init(_ document: Document, graph: SiteGraph) {
        let path = SiteGraph.path(of: document)
        layout = LayoutContext(graph: graph, pageTitle: document.title, description: document.summary, sitePath: path)
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
        contents = document.headings.filter { $0.level == 2 }.map { ContentsEntry(text: $0.text, href: "#\($0.id)") }
        bodyHTML = document.bodyHTML
    }
}
