/// One document in a list: title, kind, date, who, and what it is about.
struct ListItem {
    let title: String
    let href: String
    let kindLabel: String
    let date: DateContext?
    let organisation: String?
    let summary: String?
    /// A short identifying detail: paper number, board, or inspectorate.
    let detail: String?

    init(_ document: Document, graph: SiteGraph) {
        title = document.title
        href = graph.href(SiteGraph.path(of: document))
        kindLabel = document.kind.singular
        date = document.metadata.map { DateContext($0.date) }
        organisation = document.metadata.flatMap { graph.config.organisation($0.organisation)?.name }
        summary = document.summary
        switch document.content {
        case let .report(report): detail = [report.paperNumber, report.board].compactMap { $0 }.joined(separator: ", ")
        case let .meeting(meeting): detail = "Chaired by \(meeting.chair.name)"
        case let .response(response): detail = "Response to \(response.inspectorate)"
        case .page: detail = nil
        }
    }
}

/// `/<kind>/`: every document of one kind, newest first.
struct ListContext {
    let layout: LayoutContext
    let title: String
    let description: String
    let items: [ListItem]
    /// "1 document", "3 documents". Stored, not computed: Mustache only sees stored properties.
    let countLabel: String

    init(layout: LayoutContext, title: String, description: String, items: [ListItem]) {
        self.layout = layout
        self.title = title
        self.description = description
        self.items = items
        countLabel = "\(items.count) document\(items.count == 1 ? "" : "s")"
    }
}

/// `/`: the newest publications and a way into each kind.
struct HomeContext {
    struct Section {
        let title: String
        let href: String
        let description: String
        let count: Int
    }

    let layout: LayoutContext
    let title: String
    let description: String?
    let latest: [ListItem]
    let sections: [Section]
    /// "9 open recommendations (2 overdue)", linking to the tracker.
    let openRecommendations: String?
    let recommendationsHref: String
}

struct NotFoundContext {
    let layout: LayoutContext
}
