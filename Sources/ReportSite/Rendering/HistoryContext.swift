/// `/<kind>/<slug>/history/`: every version of a document, its change notes,
/// and what changed between consecutive versions.
struct HistoryContext {
    struct Version {
        let number: Int
        let href: String
        let isCurrent: Bool
        /// When this version was published (first publication, or the change that made it).
        let publishedOn: DateContext
        /// The change note that introduced it (nil for version 1).
        let note: String?
        /// What changed from the previous version.
        let changesHTML: TrustedHTML?
    }

    let layout: LayoutContext
    let title: String
    let documentTitle: String
    let documentHref: String
    let kindLabel: String
    let kindPlural: String
    let kindHref: String
    let currentNumber: Int
    /// Newest first, as GOV.UK lists updates.
    let versions: [Version]

    init(_ document: Document, graph: SiteGraph) {
        let path = SiteGraph.path(of: document)
        title = "History of \u{201C}\(document.title)\u{201D}"
        layout = LayoutContext(graph: graph, pageTitle: title, description: "Every published version of \(document.title) and what changed.",
            sitePath: path + "history/")
        documentTitle = document.title
        documentHref = graph.href(path)
        kindLabel = document.kind.singular
        kindPlural = document.kind.plural
        kindHref = graph.href("/\(document.kind.folder)/")
        currentNumber = document.versionNumber

        let texts = document.versions.map { DiffHTML.comparableText($0.document) } + [DiffHTML.comparableText(document)]
        let published = document.metadata?.published ?? Day(year: 1970, month: 1, day: 1)!
        var versions: [Version] = []
        for number in 1...document.versionNumber {
            let isCurrent = number == document.versionNumber
            let introducedBy = number > 1 ? document.versions[number - 2] : nil
            versions.append(Version(
                number: number,
                href: graph.href(isCurrent ? path : path + "v\(number)/"),
                isCurrent: isCurrent,
                publishedOn: DateContext(introducedBy?.supersededOn ?? published),
                note: introducedBy?.note,
                changesHTML: number > 1 ? DiffHTML.render(TextDiff(from: texts[number - 2], to: texts[number - 1])) : nil))
        }
        self.versions = versions.reversed()
    }
}

/// A page left at a document's old address, pointing to the new one.
struct RedirectContext {
    let layout: LayoutContext
    let title: String
    let targetHref: String
    let targetURL: String
}
