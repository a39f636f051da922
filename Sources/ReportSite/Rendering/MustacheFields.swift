/// A context that lists its own fields for `MustacheValue`, so the contexts
/// on every page skip reflection (Mirror was most of the cost of preparing
/// 20,000 pages). The names must be the property names and the values the
/// properties, in declaration order: a test compares each with Mirror.
protocol MustacheFields: MustacheConvertible {
    var mustacheFields: [(String, Any)] { get }
}

extension LayoutContext: MustacheFields {
    var mustacheFields: [(String, Any)] {
        [
            ("siteTitle", siteTitle), ("siteDescription", siteDescription as Any), ("language", language),
            ("homeHref", homeHref), ("stylesheetHref", stylesheetHref), ("feedHref", feedHref),
            ("navigation", navigation), ("footerLinks", footerLinks), ("accessibilityHref", accessibilityHref),
            ("contactEmail", contactEmail as Any), ("contactPhone", contactPhone as Any),
            ("contactAddress", contactAddress as Any), ("pageTitle", pageTitle), ("description", description as Any),
            ("canonicalURL", canonicalURL), ("shareTitle", shareTitle), ("shareType", shareType),
            ("firstPublished", firstPublished as Any), ("updated", updated as Any), ("dataHref", dataHref as Any),
            ("licenceTitle", licenceTitle as Any), ("licenceURL", licenceURL as Any), ("openDataHref", openDataHref),
            ("searchHref", searchHref),
        ]
    }
}

extension LayoutContext.Link: MustacheFields {
    var mustacheFields: [(String, Any)] { [("title", title), ("href", href), ("current", current)] }
}

extension DateContext: MustacheFields {
    var mustacheFields: [(String, Any)] { [("long", long), ("iso", iso)] }
}

extension ContentsEntry: MustacheFields {
    var mustacheFields: [(String, Any)] { [("text", text), ("href", href)] }
}

extension DocumentContext: MustacheFields {
    var mustacheFields: [(String, Any)] {
        [
            ("layout", layout), ("title", title), ("summary", summary as Any), ("kindLabel", kindLabel),
            ("kindPlural", kindPlural), ("kindHref", kindHref), ("date", date as Any),
            ("organisation", organisation as Any), ("published", published as Any),
            ("lastUpdated", lastUpdated as Any), ("topics", topics), ("changes", changes), ("withdrawn", withdrawn),
            ("withdrawnReason", withdrawnReason as Any), ("versionNumber", versionNumber),
            ("historyHref", historyHref), ("superseded", superseded as Any), ("contents", contents),
            ("bodyHTML", bodyHTML),
        ]
    }
}

extension DocumentContext.Change: MustacheFields {
    var mustacheFields: [(String, Any)] { [("date", date), ("note", note)] }
}

extension ListItem: MustacheFields {
    var mustacheFields: [(String, Any)] {
        [
            ("title", title), ("href", href), ("kindLabel", kindLabel), ("date", date as Any),
            ("organisation", organisation as Any), ("summary", summary as Any), ("detail", detail as Any),
        ]
    }
}

extension ListContext: MustacheFields {
    var mustacheFields: [(String, Any)] {
        [("layout", layout), ("title", title), ("description", description), ("items", items), ("countLabel", countLabel)]
    }
}
