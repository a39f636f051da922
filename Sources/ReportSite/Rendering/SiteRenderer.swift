import Foundation

/// A value made at most once, on whichever thread first needs it.
final class Once<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var made: Value?
    private let make: () -> Value

    init(_ make: @escaping () -> Value) {
        self.make = make
    }

    func value() -> Value {
        lock.withLock {
            if let made { return made }
            let value = make()
            made = value
            return value
        }
    }
}

/// A page context made when the page is rendered, on a rendering thread.
struct LazyContext: @unchecked Sendable {
    let make: () -> Any
}

/// A page to render. Its context is a tree of immutable value types that the
/// compiler cannot see are Sendable through `Any`.
private struct UncheckedPage: @unchecked Sendable {
    let path: String
    let template: String
    let context: Any
    /// What it is made from, in whole documents (see `PageInputs`).
    let inputs: PageInputs.Source
}

/// A page of the site before it is rendered.
typealias PlannedPage = (path: String, template: String, context: Any, inputs: PageInputs.Source)

/// Renders every page of the site graph through the templates. Pure: the
/// same graph and templates always give the same files.
public struct SiteRenderer: Sendable {
    let graph: SiteGraph
    let templates: TemplateLibrary

    public init(graph: SiteGraph, templates: TemplateLibrary) {
        self.graph = graph
        self.templates = templates
    }

    /// Every page, in a stable order, or diagnostics for the ones that failed.
    /// `salt` (what every page depends on besides its context: the templates,
    /// the generator) turns on fingerprints; `previous` offers pages to reuse.
    /// With a `keyer` (see `PageInputs`), a page whose inputs are those of
    /// its previous build is reused before its context is even made.
    func renderPages(
        into diagnostics: inout DiagnosticBag, salt: String? = nil, keyer: PageInputs.Keyer? = nil, previous: PreviousOutput? = nil,
        sink: StagingSink? = nil
    ) -> [OutputFile] {
        render(pages(), into: &diagnostics, salt: salt, keyer: keyer, previous: previous, sink: sink)
    }

    /// `pages` (some or all of `pages()`), as `renderPages` renders them.
    func render(
        _ pages: [PlannedPage], into diagnostics: inout DiagnosticBag, salt: String?, keyer: PageInputs.Keyer?, previous: PreviousOutput?,
        sink: StagingSink?
    ) -> [OutputFile] {
        // Templates render on every core; contexts are immutable values.
        // With a `salt`, each page gets a fingerprint, and a page whose
        // fingerprint the previous build also had is reused, not rendered.
        let charts = ChartHTML(graph: graph)
        let chartSalt = Once { charts.salt() }
        // Pages that belong to no document (home, lists, trackers, topics,
        // trends) are few but may each list thousands of documents.
        let work = pages.map { UncheckedPage(path: $0.path, template: $0.template, context: $0.context, inputs: $0.inputs) }
        let rendered = ParallelMap.map(work, slowFirst: { $0.inputs.owner == nil }) { page -> OutputFile? in
            let inputsKey = keyer?.key(path: page.path, template: page.template, source: page.inputs)
            if let inputsKey, let reused = previous?.reuse(page.path, inputsKey: inputsKey, template: page.template) {
                return sink?.store(reused) ?? reused
            }
            var file = render(page, salt: salt, previous: previous, charts: charts, chartSalt: chartSalt)
            file?.inputsKey = inputsKey
            return file.map { sink?.store($0) ?? $0 }
        }
        var files: [OutputFile] = []
        for (page, file) in zip(pages, rendered) {
            guard let file else {
                diagnostics.error("\(TemplateLibrary.folder)/\(page.template).mustache", nil,
                    "template '\(page.template)' could not render \(page.path)")
                continue
            }
            files.append(file)
        }
        return files
    }

    /// One page: reused when its fingerprint is the previous build's, else rendered.
    private func render(
        _ page: UncheckedPage, salt: String?, previous: PreviousOutput?, charts: ChartHTML, chartSalt: Once<String>
    ) -> OutputFile? {
        let recorder = salt.map { PageFingerprint(path: page.path, template: page.template, salt: $0) }
        let context = (page.context as? LazyContext)?.make() ?? page.context
        // With a previous build most pages are reused: fingerprint them
        // first, and build the template values only for those rendered.
        var tree: TemplateValue?
        if let recorder, previous != nil {
            MustacheValue.fingerprint(context, into: recorder)
        } else {
            tree = MustacheValue.convert(context, fingerprint: recorder)
        }
        let fingerprint = recorder?.finish(chartSalt: chartSalt.value)
        if let fingerprint, let reused = previous?.reuse(page.path, fingerprint: fingerprint, template: page.template) {
            return reused
        }
        return templates.renderPage(page.template, tree ?? MustacheValue.convert(context)).map { html in
            OutputFile(path: page.path, data: charts.fill(html), template: page.template, fingerprint: fingerprint)
        }
    }

    /// Every page of the site with its template, its context (made lazily
    /// for the many) and the document it belongs to, in a stable order.
    func pages() -> [PlannedPage] {
        var pages: [PlannedPage] = []
        pages.append(("index.html", "home", LazyContext { homeContext() }, .site))
        for kind in DocumentKind.allCases where kind.isListed {
            pages.append(("\(kind.folder)/index.html", "list", LazyContext { listContext(kind) }, .list(graph.documents(of: kind))))
        }
        for document in graph.documents {
            pages += ownPages(of: document)
        }
        let sitePages = trendPages() + [
            ("publication-scheme/index.html", "publication-scheme", LazyContext { PublicationSchemeContext(graph: graph) }),
            ("404.html", "not-found", NotFoundContext(
                layout: LayoutContext(graph: graph, pageTitle: "Page not found", description: nil, sitePath: "/404.html"))),
        ]
        return pages + trackerPages() + findingPages() + sitePages.map { ($0.path, $0.template, $0.context, .site) }
    }

    /// The pages that belong to `document` (see `PageInputs`): its current
    /// page, and for a listed kind its history, its superseded versions and
    /// the redirects from its old addresses. Nothing else on the site reads
    /// what only these pages show (its body, headings and links).
    func ownPages(of document: Document) -> [PlannedPage] {
        let path = String(SiteGraph.path(of: document).dropFirst())
        // A document's pages are most of the site: their contexts are
        // made on the rendering threads, not here one by one.
        var pages: [PlannedPage] = [
            (path + "index.html", template(for: document), LazyContext { context(for: document) }, .owner(document))
        ]
        guard document.kind.isListed else { return pages }
        pages.append((path + "history/index.html", "history", LazyContext { HistoryContext(document, graph: graph) }, .owner(document)))
        for version in document.versions {
            pages.append((path + "v\(version.number)/index.html", template(for: document),
                LazyContext { context(for: version.document, current: document, version: version) }, .owner(document)))
        }
        for moved in document.metadata?.movedFrom ?? [] {
            let target = SiteGraph.path(of: document)
            pages.append((String(moved.sitePath.dropFirst()) + "index.html", "redirect", RedirectContext(
                layout: LayoutContext(graph: graph, pageTitle: "This page has moved", description: nil, sitePath: target),
                title: document.title, targetHref: graph.href(target), targetURL: graph.absoluteURL(target)), .owner(document)))
        }
        return pages
    }

    /// The current page of `document`, drawn with this graph (whose other
    /// documents it links to and lists it in). The preview uses it to show an
    /// edit at once, before the whole site is rebuilt.
    public func renderCurrentPage(of document: Document) -> OutputFile? {
        let path = String(SiteGraph.path(of: document).dropFirst()) + "index.html"
        let template = template(for: document)
        return templates.renderPage(template, MustacheValue.convert(context(for: document))).map { html in
            OutputFile(path: path, data: ChartHTML(graph: graph).fill(html), template: template)
        }
    }

    /// `/recommendations/` with a view per status and per organisation, and `/actions/`.
    func trackerPages() -> [PlannedPage] {
        var pages: [PlannedPage] = []
        // Each view has thousands of rows: made on the rendering threads,
        // each row once for all the views it appears in.
        let tracker = RecommendationsContext.Tracker(graph: graph)
        let responses = graph.documents.filter { if case .response = $0.content { true } else { false } }
        let meetings = graph.documents.filter { if case .meeting = $0.content { true } else { false } }
        func view(_ sitePath: String, _ heading: String, _ selection: [Int]) {
            pages.append((String(sitePath.dropFirst()) + "index.html", "recommendations", LazyContext {
                RecommendationsContext(graph: graph, sitePath: sitePath, heading: heading, tracker: tracker, selection: selection)
            }, .tracker("recommendations", responses)))
        }
        view("/recommendations/", "Recommendations tracker", Array(graph.trackers.recommendations.indices))
        for (status, selection) in zip(RecommendationsContext.statusViews, tracker.statusSelections) {
            view("/recommendations/status/\(status.slug)/", status.label, selection)
        }
        for (organisation, selection) in tracker.organisationSelections where !selection.isEmpty {
            view("/recommendations/organisation/\(organisation.id)/", organisation.name, selection)
        }
        pages.append(("actions/index.html", "actions", LazyContext { ActionsContext(graph: graph) }, .tracker("actions", meetings)))
        return pages
    }

    func template(for document: Document) -> String {
        switch document.content {
        case .meeting: "meeting"
        case .report: "report"
        case .response: "response"
        case .page: "page"
        }
    }

    func context(for document: Document, current: Document? = nil, version: FrozenVersion? = nil) -> Any {
        let base = DocumentContext(document, graph: graph, current: current, version: version)
        switch document.content {
        case let .meeting(meeting):
            let tracked = graph.trackers.actions(of: (current ?? document).path)
            return MeetingContext(meeting, document: base, tracked: version == nil ? tracked : [], graph: graph)
        case let .report(report): return ReportContext(report, document: base)
        case let .response(response):
            let tracked = graph.trackers.recommendations(of: (current ?? document).path)
            return ResponseContext(
                response, published: (current ?? document).metadata!.published, document: base,
                tracked: version == nil ? tracked : [], graph: graph)
        case let .page(page): return PageContext(document: base, updated: page.updated.map(DateContext.init))
        }
    }

    func listContext(_ kind: DocumentKind) -> ListContext {
        let items = graph.documents(of: kind).map { ListItem($0, graph: graph) }
        return ListContext(
            layout: LayoutContext(graph: graph, pageTitle: kind.plural, description: kind.listDescription,
                sitePath: "/\(kind.folder)/"),
            title: kind.plural, description: kind.listDescription, items: items)
    }

    func homeContext() -> HomeContext {
        let sections = DocumentKind.allCases.filter(\.isListed).map { kind in
            HomeContext.Section(title: kind.plural, href: graph.href("/\(kind.folder)/"),
                description: kind.listDescription, count: graph.documents(of: kind).count)
        }
        return HomeContext(
            layout: LayoutContext(graph: graph, pageTitle: nil, description: nil, sitePath: "/"),
            title: graph.config.title, description: graph.config.description,
            latest: graph.publications.prefix(10).map { ListItem($0, graph: graph) }, sections: sections,
            openRecommendations: openRecommendationsLabel(), recommendationsHref: graph.href("/recommendations/"))
    }

    func openRecommendationsLabel() -> String? {
        let all = graph.trackers.recommendations
        guard !all.isEmpty else { return nil }
        let open = all.count { $0.status != .complete }
        let overdue = all.count(where: \.isOverdue)
        return "\(open) of \(all.count) recommendation\(all.count == 1 ? "" : "s") still open"
            + (overdue > 0 ? ", \(overdue) overdue" : "")
    }
}
