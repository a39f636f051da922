/// A link to one filtered view of a tracker (`/recommendations/status/complete/`).
struct FilterLink {
    let label: String
    let href: String
    let current: Bool
    let count: Int
}

/// Where a status came from: which document said so, and when.
struct StatusSource {
    let title: String
    let href: String
    let date: DateContext
    let note: String?

    init(_ entry: Trackers.StatusEntry, graph: SiteGraph) {
        title = entry.sourceTitle
        href = graph.href(entry.sourceSitePath)
        date = DateContext(entry.date)
        note = entry.note
    }
}

/// `/recommendations/` and its filtered views.
struct RecommendationsContext {
    struct Row {
        let number: Int
        let text: String
        let href: String
        let responseTitle: String
        let organisation: String
        let timescale: String
        let due: DateContext?
        let status: String
        let statusClass: String
        let overdue: Bool
        let source: StatusSource
        /// The status is the one the response itself gave (no later update).
        let asPublished: Bool
        let updates: Int
    }

    let layout: LayoutContext
    let title: String
    let heading: String
    let asAt: DateContext?
    let statusFilters: [FilterLink]
    let organisationFilters: [FilterLink]
    let rows: [Row]
    let countLabel: String
    let dueUnknownCount: Int

    /// What every view shares: which recommendations each filter selects
    /// (numbers into `graph.trackers.recommendations`), and a row per
    /// recommendation, made once, on first use, for all the views.
    final class Tracker: Sendable {
        let statusSelections: [[Int]]
        let organisationSelections: [(organisation: SiteConfig.Organisation, selection: [Int])]
        let dueUnknown: [Bool]
        private let madeRows: Once<[Row]>
        var rows: [Row] { madeRows.value() }

        init(graph: SiteGraph) {
            let all = graph.trackers.recommendations
            statusSelections = RecommendationsContext.statusViews.map { view in all.indices.filter { view.includes(all[$0]) } }
            organisationSelections = graph.config.organisations.map { organisation in
                (organisation, all.indices.filter { all[$0].response.metadata?.organisation == organisation.id })
            }
            dueUnknown = all.map { $0.due == nil }
            madeRows = Once {
                all.map { item in
                    Row(
                        number: item.number, text: item.text,
                        href: graph.href(SiteGraph.path(of: item.response)) + "#recommendation-\(item.number)",
                        responseTitle: item.response.title,
                        organisation: item.response.metadata.flatMap { graph.config.organisation($0.organisation)?.name } ?? "",
                        timescale: item.timescale.description, due: item.due.map(DateContext.init),
                        status: item.status.label, statusClass: item.status.rawValue, overdue: item.isOverdue,
                        source: StatusSource(item.history.last!, graph: graph), asPublished: item.history.count == 1,
                        updates: item.history.count - 1)
                }
            }
        }
    }

    /// The view at `sitePath` showing the recommendations numbered `selection`
    /// in `graph.trackers.recommendations`.
    init(graph: SiteGraph, sitePath: String, heading: String, tracker: Tracker, selection: [Int]) {
        title = "Recommendations tracker"
        self.heading = heading
        layout = LayoutContext(
            graph: graph, pageTitle: heading == title ? title : "\(title): \(heading)",
            description: "Every recommendation from every inspection, its due date and its latest status.", sitePath: sitePath)
        asAt = graph.trackers.asAt.map(DateContext.init)
        let base = "/recommendations/"
        statusFilters = [FilterLink(label: "All", href: graph.href(base), current: sitePath == base, count: graph.trackers.recommendations.count)]
            + zip(RecommendationsContext.statusViews, tracker.statusSelections).map { view, selection in
                FilterLink(label: view.label, href: graph.href(base + "status/\(view.slug)/"),
                    current: sitePath == base + "status/\(view.slug)/", count: selection.count)
            }
        organisationFilters = tracker.organisationSelections.compactMap { organisation, selection in
            let count = selection.count
            guard count > 0 else { return nil }
            let path = base + "organisation/\(organisation.id)/"
            return FilterLink(label: organisation.name, href: graph.href(path), current: sitePath == path, count: count)
        }
        rows = selection.map { tracker.rows[$0] }
        countLabel = "\(selection.count) recommendation\(selection.count == 1 ? "" : "s")"
        dueUnknownCount = selection.count { tracker.dueUnknown[$0] }
    }

    struct StatusView {
        let slug: String
        let label: String
        let includes: @Sendable (Trackers.Recommendation) -> Bool
    }

    static let statusViews: [StatusView] = [
        StatusView(slug: "not-started", label: "Not started") { $0.status == .notStarted },
        StatusView(slug: "in-progress", label: "In progress") { $0.status == .inProgress },
        StatusView(slug: "complete", label: "Complete") { $0.status == .complete },
        StatusView(slug: "overdue", label: "Overdue") { $0.isOverdue },
    ]
}

/// `/actions/`: actions agreed at meetings, with each meeting's verdict.
struct ActionsContext {
    struct Row {
        let id: String
        let action: String
        let owner: String
        let due: DateContext?
        let status: String
        let overdue: Bool
        let meetingTitle: String
        let meetingHref: String
        let verdict: String?
        let source: StatusSource
    }

    let layout: LayoutContext
    let title: String
    let asAt: DateContext?
    let rows: [Row]
    let countLabel: String

    init(graph: SiteGraph) {
        title = "Actions tracker"
        layout = LayoutContext(graph: graph, pageTitle: title,
            description: "Actions agreed at assurance meetings, who owns them and where they stand.", sitePath: "/actions/")
        asAt = graph.trackers.asAt.map(DateContext.init)
        rows = graph.trackers.actions.map { item in
            var verdict: String?
            if case let .meeting(meeting) = item.meeting.content { verdict = meeting.verdict?.label }
            return Row(
                id: item.action.id, action: item.action.action, owner: item.action.owner,
                due: item.action.due.map(DateContext.init), status: item.status.rawValue.replacing("-", with: " ").capitalizedFirst,
                overdue: item.isOverdue, meetingTitle: item.meeting.title,
                meetingHref: graph.href(SiteGraph.path(of: item.meeting)), verdict: verdict,
                source: StatusSource(item.history.last!, graph: graph))
        }
        countLabel = "\(rows.count) action\(rows.count == 1 ? "" : "s")"
    }
}

/// `/publication-scheme/`: every category of the Specified Information Order,
/// what is published for it, and the gaps.
struct PublicationSchemeContext {
    struct Category {
        let id: String
        let title: String
        let summary: String
        let items: [ListItem]
        let isGap: Bool
    }

    let layout: LayoutContext
    let title: String
    let categories: [Category]
    let gaps: [Category]
    let coveredLabel: String

    init(graph: SiteGraph) {
        title = "Publication scheme"
        layout = LayoutContext(graph: graph, pageTitle: title,
            description: "What this site publishes for each category of the Specified Information Order.",
            sitePath: "/publication-scheme/")
        let published = graph.documents.filter { $0.metadata?.status != .withdrawn && !$0.isDraft }
        categories = PublicationCategory.allCases.map { category in
            let documents = SiteGraph.sortedNewestFirst(published.filter {
                if case let .page(page) = $0.content { return page.category == category }
                return $0.metadata?.category == category
            })
            return Category(id: category.rawValue, title: category.title, summary: category.summary,
                items: documents.map { ListItem($0, graph: graph) }, isGap: documents.isEmpty)
        }
        gaps = categories.filter(\.isGap)
        let covered = categories.count - gaps.count
        coveredLabel = "\(covered) of \(categories.count) categories have something published"
    }
}

extension String {
    /// "In progress" from "in progress".
    var capitalizedFirst: String {
        prefix(1).uppercased() + dropFirst()
    }
}
