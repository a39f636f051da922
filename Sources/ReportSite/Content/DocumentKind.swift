/// The kinds of document, each living in its own folder of `Content/`.
public enum DocumentKind: String, Sendable, CaseIterable, Hashable, Codable {
    case meeting
    case report
    case response
    case page

    /// The folder under `Content/` (also the URL prefix for listed kinds).
    public var folder: String {
        switch self {
        case .meeting: "meetings"
        case .report: "reports"
        case .response: "responses"
        case .page: "pages"
        }
    }

    public init?(folder: String) {
        guard let kind = DocumentKind.allCases.first(where: { $0.folder == folder }) else { return nil }
        self = kind
    }

    /// The site path of a document of this kind: `/reports/<slug>/`, or `/<slug>/` for a page.
    public func sitePath(slug: String) -> String {
        isListed ? "/\(folder)/\(slug)/" : "/\(slug)/"
    }

    /// Plain pages live at `/<slug>/`; every other kind has a list at `/<folder>/`.
    public var isListed: Bool { self != .page }

    public var singular: String {
        switch self {
        case .meeting: "Assurance meeting notes"
        case .report: "Board paper"
        case .response: "Inspection response"
        case .page: "Page"
        }
    }

    public var plural: String {
        switch self {
        case .meeting: "Assurance meetings"
        case .report: "Board and panel papers"
        case .response: "Inspection responses"
        case .page: "Pages"
        }
    }

    /// A sentence under the list page's heading.
    public var listDescription: String {
        switch self {
        case .meeting: "Notes of meetings at which the commissioner questions the chief constable in public."
        case .report: "Papers submitted to boards and panels, with their recommendations."
        case .response: "Formal responses to inspection reports, recommendation by recommendation."
        case .page: ""
        }
    }
}
