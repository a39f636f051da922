/// A plain page such as "About" or the accessibility statement (`Content/pages/`).
public struct Page: Sendable, Codable {
    public var title: String
    public var summary: String?
    public var updated: Day?
    /// The publication-scheme category the page fulfils, if any.
    public var category: PublicationCategory?

    static func read(_ fields: YAMLReader.Fields) -> Page? {
        let title: String? = fields.required("title")
        let summary: String? = fields.optional("summary")
        let updated: Day? = fields.optional("updated")
        let category: PublicationCategory? = fields.optional("category")
        guard let title else { return nil }
        return Page(title: title, summary: summary, updated: updated, category: category)
    }
}
