/// What the Markdown stage gives back: HTML split into top-level blocks, the
/// headings and numbered paragraphs it found, and any problems.
///
/// Kinds regroup the blocks into their own items (a meeting's questions, a
/// response's recommendations) without knowing anything about cmark.
public struct RenderedMarkdown: Sendable {
    public var blocks: [RenderedBlock]
    public var headings: [Heading]
    public var numberedParagraphs: [NumberedParagraph]
    /// Every link and image in the body, after document links were resolved.
    public var links: [MarkdownLink]
    /// Charts placed with ```chart blocks, in order.
    public var charts: [ChartBlock] = []
    public var diagnostics: [Diagnostic]

    public var html: TrustedHTML { TrustedHTML.joined(blocks.map(\.html)) }
}

/// One top-level block of the body (a heading, paragraph, list, table, ...).
public struct RenderedBlock: Sendable, Codable {
    public var html: TrustedHTML
    /// Set when the block is a heading.
    public var heading: Heading?
    /// Set when the block is a callout (`> [!POST-MEETING]`).
    public var callout: Callout?
    public var position: SourcePosition
}

public struct Heading: Sendable, Hashable, Codable {
    public var level: Int
    /// Plain text of the heading.
    public var text: String
    /// The element id (`section-3`, `question-2`, `force-structure`).
    public var id: String
    public var position: SourcePosition
}

/// A paragraph that starts with a section number (`3.4 The team …`).
public struct NumberedParagraph: Sendable, Hashable, Codable {
    public var number: String
    public var id: String
    public var position: SourcePosition
}

/// Block quotes that start with a marker line such as `[!POST-MEETING]`.
public enum Callout: String, Sendable, CaseIterable, Codable {
    case postMeeting = "POST-MEETING"
    case note = "NOTE"

    var label: String {
        switch self {
        case .postMeeting: "Information provided after the meeting"
        case .note: "Note"
        }
    }

    var cssModifier: String {
        switch self {
        case .postMeeting: "post-meeting"
        case .note: "note"
        }
    }
}

/// A link or image target written in Markdown, with where it was written.
public struct MarkdownLink: Sendable, Hashable, Codable {
    /// The target as published (a document path already turned into its URL).
    public var href: String
    public var isImage: Bool
    public var position: SourcePosition
    /// Already reported as broken while rendering (a link to a missing document).
    public var isReported = false
}

/// What a link written as a document path (`reports/x.md#section-2`) points at.
public enum DocumentLinkTarget: Sendable, Hashable, Codable {
    /// The page's site path, e.g. `/reports/x/`.
    case page(String)
    /// No such document; the note may suggest one.
    case missing(note: String?)
}

/// How a document's kind wants its anchors, and how to resolve document links.
public struct MarkdownOptions: Sendable {
    /// `## 3. Title` → `#section-3`; a paragraph starting `3.4 ` → `#section-3-4`.
    public var numberedSections: Bool
    /// Level-2 headings are questions: `#question-1`, `#question-2`, ….
    public var questionHeadings: Bool
    /// Resolves a link to a `.md` path (without its `#fragment`) to a page.
    /// Markdown knows nothing of the site: the caller supplies this.
    public var documentLink: @Sendable (String) -> DocumentLinkTarget
    /// Where the site lives on its host (`/` or `/opcc/`): prefixed to
    /// root-relative links so they keep working under a sub-path.
    public var basePath: String

    public init(
        numberedSections: Bool = false, questionHeadings: Bool = false, basePath: String = "/",
        documentLink: @escaping @Sendable (String) -> DocumentLinkTarget = { _ in .missing(note: nil) }
    ) {
        self.numberedSections = numberedSections
        self.questionHeadings = questionHeadings
        self.basePath = basePath
        self.documentLink = documentLink
    }
}
