/// What the Markdown stage gives back: HTML split into top-level blocks, the
/// headings and numbered paragraphs it found, and any problems.
///
/// Kinds regroup the blocks into their own items (a meeting's questions, a
/// response's recommendations) without knowing anything about cmark.
public struct RenderedMarkdown: Sendable {
    public var blocks: [RenderedBlock]
    public var headings: [Heading]
    public var numberedParagraphs: [NumberedParagraph]
    public var diagnostics: [Diagnostic]

    public var html: TrustedHTML { TrustedHTML.joined(blocks.map(\.html)) }
}

/// One top-level block of the body (a heading, paragraph, list, table, ...).
public struct RenderedBlock: Sendable {
    public var html: TrustedHTML
    /// Set when the block is a heading.
    public var heading: Heading?
    /// Set when the block is a callout (`> [!POST-MEETING]`).
    public var callout: Callout?
    public var position: SourcePosition
}

public struct Heading: Sendable, Hashable {
    public var level: Int
    /// Plain text of the heading.
    public var text: String
    /// The element id (`section-3`, `question-2`, `force-structure`).
    public var id: String
    public var position: SourcePosition
}

/// A paragraph that starts with a section number (`3.4 The team …`).
public struct NumberedParagraph: Sendable, Hashable {
    public var number: String
    public var id: String
    public var position: SourcePosition
}

/// Block quotes that start with a marker line such as `[!POST-MEETING]`.
public enum Callout: String, Sendable, CaseIterable {
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

/// How a document's kind wants its anchors.
public struct MarkdownOptions: Sendable, Hashable {
    /// `## 3. Title` → `#section-3`; a paragraph starting `3.4 ` → `#section-3-4`.
    public var numberedSections: Bool
    /// Level-2 headings are questions: `#question-1`, `#question-2`, ….
    public var questionHeadings: Bool

    public init(numberedSections: Bool = false, questionHeadings: Bool = false) {
        self.numberedSections = numberedSections
        self.questionHeadings = questionHeadings
    }
}
