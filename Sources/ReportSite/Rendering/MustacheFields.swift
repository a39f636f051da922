/// A context that lists its own fields for `MustacheValue`, so the contexts
/// on every page skip reflection (Mirror was most of the cost of preparing
/// 20,000 pages). The names must be the property names and the values the
/// properties, in declaration order: a test compares each with Mirror.
///
/// Each field goes through a generic call, so its type is known without a
/// dynamic cast and nothing is boxed while only fingerprinting.
protocol MustacheFields: MustacheConvertible {
    func visitFields(_ fields: inout FieldWalk)
}

/// One context's fields as `visitFields` lists them: each is fed to the
/// fingerprint and, when the walk builds, put in the context's dictionary.
struct FieldWalk {
    let walk: ContextWalk
    private(set) var dictionary: [String: TemplateValue] = [:]
    /// Kept only for the test that compares the lists with Mirror.
    private(set) var listed: [(String, Any)]?

    init(walk: ContextWalk, listing: Bool = false) {
        self.walk = walk
        if walk.builds { dictionary.reserveCapacity(16) }
        listed = listing ? [] : nil
    }

    mutating func field<Value: MustacheConvertible>(_ name: String, _ value: Value) {
        listed?.append((name, value))
        walk.fingerprint?.add(tag: "k", name)
        let converted = value.mustacheValue(walk)
        if walk.builds { dictionary[name] = converted }
    }
}

extension MustacheFields {
    func mustacheValue(_ walk: ContextWalk) -> TemplateValue {
        walk.fingerprint?.add(tag: "d", "")
        var fields = FieldWalk(walk: walk)
        visitFields(&fields)
        walk.fingerprint?.add(tag: "e", "")
        return walk.builds ? .object(fields.dictionary) : .missing
    }

    /// The fields with their names, in the order listed.
    var mustacheFields: [(String, Any)] {
        var fields = FieldWalk(walk: ContextWalk(fingerprint: nil, builds: false), listing: true)
        visitFields(&fields)
        return fields.listed ?? []
    }
}

extension LayoutContext: MustacheFields {
    func visitFields(_ fields: inout FieldWalk) {
        fields.field("siteTitle", siteTitle)
        fields.field("siteDescription", siteDescription)
        fields.field("language", language)
        fields.field("homeHref", homeHref)
        fields.field("stylesheetHref", stylesheetHref)
        fields.field("feedHref", feedHref)
        fields.field("navigation", navigation)
        fields.field("footerLinks", footerLinks)
        fields.field("accessibilityHref", accessibilityHref)
        fields.field("contactEmail", contactEmail)
        fields.field("contactPhone", contactPhone)
        fields.field("contactAddress", contactAddress)
        fields.field("pageTitle", pageTitle)
        fields.field("description", description)
        fields.field("canonicalURL", canonicalURL)
        fields.field("shareTitle", shareTitle)
        fields.field("shareType", shareType)
        fields.field("firstPublished", firstPublished)
        fields.field("updated", updated)
        fields.field("dataHref", dataHref)
        fields.field("licenceTitle", licenceTitle)
        fields.field("licenceURL", licenceURL)
        fields.field("openDataHref", openDataHref)
        fields.field("searchHref", searchHref)
    }
}

extension LayoutContext.Link: MustacheFields {
    func visitFields(_ fields: inout FieldWalk) {
        fields.field("title", title)
        fields.field("href", href)
        fields.field("current", current)
    }
}

extension DateContext: MustacheFields {
    func visitFields(_ fields: inout FieldWalk) {
        fields.field("long", long)
        fields.field("iso", iso)
    }
}

extension ContentsEntry: MustacheFields {
    func visitFields(_ fields: inout FieldWalk) {
        fields.field("text", text)
        fields.field("href", href)
    }
}

extension DocumentContext: MustacheFields {
    func visitFields(_ fields: inout FieldWalk) {
        fields.field("layout", layout)
        fields.field("title", title)
        fields.field("summary", summary)
        fields.field("kindLabel", kindLabel)
        fields.field("kindPlural", kindPlural)
        fields.field("kindHref", kindHref)
        fields.field("date", date)
        fields.field("organisation", organisation)
        fields.field("published", published)
        fields.field("lastUpdated", lastUpdated)
        fields.field("topics", topics)
        fields.field("changes", changes)
        fields.field("withdrawn", withdrawn)
        fields.field("withdrawnReason", withdrawnReason)
        fields.field("versionNumber", versionNumber)
        fields.field("historyHref", historyHref)
        fields.field("superseded", superseded)
        fields.field("contents", contents)
        fields.field("bodyHTML", bodyHTML)
    }
}

extension DocumentContext.Superseded: MustacheFields {
    func visitFields(_ fields: inout FieldWalk) {
        fields.field("number", number)
        fields.field("currentNumber", currentNumber)
        fields.field("supersededOn", supersededOn)
        fields.field("note", note)
        fields.field("currentHref", currentHref)
    }
}

extension DocumentContext.Change: MustacheFields {
    func visitFields(_ fields: inout FieldWalk) {
        fields.field("date", date)
        fields.field("note", note)
    }
}

extension ListItem: MustacheFields {
    func visitFields(_ fields: inout FieldWalk) {
        fields.field("title", title)
        fields.field("href", href)
        fields.field("kindLabel", kindLabel)
        fields.field("date", date)
        fields.field("organisation", organisation)
        fields.field("summary", summary)
        fields.field("detail", detail)
    }
}

extension ListContext: MustacheFields {
    func visitFields(_ fields: inout FieldWalk) {
        fields.field("layout", layout)
        fields.field("title", title)
        fields.field("description", description)
        fields.field("items", items)
        fields.field("countLabel", countLabel)
    }
}
