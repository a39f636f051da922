/// What every page's layout needs: the site's name, navigation, footer, and
/// the page's own title and address. Plain strings only; the template escapes them.
struct LayoutContext {
    struct Link {
        let title: String
        let href: String
        /// `aria-current="page"` on the link to the current section.
        let current: Bool
    }

    let siteTitle: String
    let siteDescription: String?
    let language: String
    let homeHref: String
    let stylesheetHref: String
    let feedHref: String
    let navigation: [Link]
    let footerLinks: [Link]
    let accessibilityHref: String
    let contactEmail: String?
    let contactPhone: String?
    let contactAddress: String?
    /// The page's `<title>`: "Page – Site".
    let pageTitle: String
    let description: String?
    let canonicalURL: String
    /// Open Graph: the page's own title, and the kind of page.
    let shareTitle: String
    let shareType: String
    /// GOV.UK-style dates for archiving tools (documents only).
    let firstPublished: String?
    let updated: String?
    /// Machine-readable copy of the page, when there is one.
    let dataHref: String?
    let licenceTitle: String?
    let licenceURL: String?
    let openDataHref: String
    let searchHref: String

    init(
        graph: SiteGraph, pageTitle: String?, description: String?, sitePath: String,
        firstPublished: Day? = nil, updated: Day? = nil, dataPath: String? = nil
    ) {
        let config = graph.config
        siteTitle = config.title
        siteDescription = config.description
        language = config.language
        homeHref = graph.href("/")
        stylesheetHref = graph.href("/assets/site.css")
        feedHref = graph.href("/feed.xml")
        func link(_ l: SiteConfig.Link) -> Link {
            let isSitePath = l.url.hasPrefix("/")
            return Link(title: l.title, href: isSitePath ? graph.href(l.url) : l.url,
                current: isSitePath && l.url != "/" && sitePath.hasPrefix(l.url))
        }
        navigation = config.navigation.map(link)
        footerLinks = config.footerLinks.map(link)
        accessibilityHref = graph.href(config.accessibilityStatement)
        contactEmail = config.contact?.email
        contactPhone = config.contact?.phone
        contactAddress = config.contact?.address
        self.pageTitle = pageTitle.map { "\($0) – \(config.title)" } ?? config.title
        self.description = description ?? config.description
        canonicalURL = graph.absoluteURL(sitePath)
        shareTitle = pageTitle ?? config.title
        shareType = firstPublished == nil ? "website" : "article"
        self.firstPublished = firstPublished?.iso
        self.updated = updated?.iso
        dataHref = dataPath.map(graph.href)
        licenceTitle = config.licence?.title
        licenceURL = config.licence?.url
        openDataHref = graph.href("/open-data/")
        searchHref = graph.href("/search/")
    }
}

/// A date as shown (`22 September 2016`) and as machine-readable (`2016-09-22`).
struct DateContext {
    let long: String
    let iso: String

    init(_ day: Day) {
        long = day.long
        iso = day.iso
    }
}

struct PersonContext {
    let name: String
    let role: String

    init(_ person: Person) {
        name = person.name
        role = person.role
    }
}

/// An entry of a contents list.
struct ContentsEntry {
    let text: String
    let href: String
}
