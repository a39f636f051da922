/// A page that lists ways in: all topics, or all organisations.
struct LinkIndexContext {
    struct Entry {
        let title: String
        let href: String
        let countLabel: String
    }

    let layout: LayoutContext
    let title: String
    let description: String
    let entries: [Entry]
}

/// `/open-data/`: what is published as data, in what form, under what licence.
struct OpenDataContext {
    let layout: LayoutContext
    let title: String
    let catalogueHref: String
    let exampleHref: String?
    let licenceTitle: String?
    let licenceURL: String?
    let feedHref: String
    let recommendationsHref: String
}

/// `/search/`: results with JavaScript; topics and lists without it.
struct SearchContext {
    let layout: LayoutContext
    let title: String
    let indexHref: String
    let topics: [LinkIndexContext.Entry]
    let lists: [LinkIndexContext.Entry]
}

extension SiteRenderer {
    static func countLabel(_ count: Int) -> String {
        "\(count) document\(count == 1 ? "" : "s")"
    }

    /// Topic and organisation pages, their indexes, the open-data page and the search page.
    func findingPages() -> [PlannedPage] {
        var pages: [PlannedPage] = []
        let topics = graph.topics
        let topicEntries = topics.map {
            LinkIndexContext.Entry(title: $0.name, href: graph.href("/topics/\($0.slug)/"), countLabel: SiteRenderer.countLabel($0.documents.count))
        }
        pages.append(("topics/index.html", "link-index", LinkIndexContext(
            layout: LayoutContext(graph: graph, pageTitle: "Topics", description: "Every subject the documents cover.", sitePath: "/topics/"),
            title: "Topics", description: "Every subject the published documents cover.", entries: topicEntries), .site))
        for topic in topics {
            let path = "/topics/\(topic.slug)/"
            let description = "Everything published about \(topic.name), newest first."
            pages.append((String(path.dropFirst()) + "index.html", "list", LazyContext { ListContext(
                layout: LayoutContext(graph: graph, pageTitle: topic.name, description: description, sitePath: path),
                title: topic.name, description: description, items: topic.documents.map { ListItem($0, graph: graph) }) },
                .list(topic.documents)))
        }
        var organisationEntries: [LinkIndexContext.Entry] = []
        for organisation in graph.config.organisations {
            let documents = graph.documents(of: organisation)
            let path = "/organisations/\(organisation.id)/"
            organisationEntries.append(.init(title: organisation.name, href: graph.href(path), countLabel: SiteRenderer.countLabel(documents.count)))
            let description = "Everything published for \(organisation.name), newest first."
            pages.append((String(path.dropFirst()) + "index.html", "list", LazyContext { ListContext(
                layout: LayoutContext(graph: graph, pageTitle: organisation.name, description: description, sitePath: path),
                title: organisation.name, description: description, items: documents.map { ListItem($0, graph: graph) }) },
                .list(documents)))
        }
        pages.append(("organisations/index.html", "link-index", LinkIndexContext(
            layout: LayoutContext(graph: graph, pageTitle: "Organisations", description: "The organisations this site publishes for.", sitePath: "/organisations/"),
            title: "Organisations", description: "The organisations this site publishes documents for.", entries: organisationEntries),
            .site))
        pages.append(("open-data/index.html", "open-data", OpenDataContext(
            layout: LayoutContext(graph: graph, pageTitle: "Open data", description: "Every document as data.", sitePath: "/open-data/"),
            title: "Open data", catalogueHref: graph.href("/data/documents.json"),
            exampleHref: graph.publications.first.map { graph.href(SiteGraph.path(of: $0) + "document.json") },
            licenceTitle: graph.config.licence?.title, licenceURL: graph.config.licence?.url,
            feedHref: graph.href("/feed.xml"), recommendationsHref: graph.href("/recommendations/")), .site))
        let lists = DocumentKind.allCases.filter(\.isListed).map {
            LinkIndexContext.Entry(title: $0.plural, href: graph.href("/\($0.folder)/"), countLabel: SiteRenderer.countLabel(graph.documents(of: $0).count))
        }
        pages.append(("search/index.html", "search", SearchContext(
            layout: LayoutContext(graph: graph, pageTitle: "Search", description: "Search every document on this site.", sitePath: "/search/"),
            title: "Search", indexHref: graph.href("/search-index.json"), topics: topicEntries, lists: lists), .site))
        return pages
    }
}
