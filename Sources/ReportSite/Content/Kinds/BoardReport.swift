import Yams

/// A paper to a board or panel (`Content/reports/`).
public struct BoardReport: Sendable, Codable {
    public enum ProtectiveMarking: String, YAMLEnum {
        case notProtectivelyMarked = "not-protectively-marked"
        case official
        case officialSensitive = "official-sensitive"
        public static let description = "a protective marking"

        public var label: String {
            switch self {
            case .notProtectivelyMarked: "Not protectively marked"
            case .official: "Official"
            case .officialSensitive: "Official – sensitive"
            }
        }
    }

    public var board: String
    public var paperNumber: String?
    public var agendaItem: String?
    public var originator: String
    public var subject: String?
    public var protectiveMarking: ProtectiveMarking?
    public var recommendations: [String]
    public var financialImplications: String?
    public var contactOfficer: Person?
    public var checklist: [ChecklistAnswer]
    /// Numbered sections and paragraphs found in the body, in order.
    public var sections: [NumberedSection] = []

    static func read(_ fields: YAMLReader.Fields) -> BoardReport? {
        let board: String? = fields.required("board")
        let paperNumber: String? = fields.optional("paper_number")
        let agendaItem: String? = fields.optional("agenda_item")
        let originator: String? = fields.required("originator")
        let subject: String? = fields.optional("subject")
        let marking: ProtectiveMarking? = fields.optional("protective_marking")
        let recommendations: [String]? = fields.optional("recommendations")
        let financial: String? = fields.optional("financial_implications")
        let contact: Person? = fields.optional("contact_officer")
        let checklist: [ChecklistAnswer]? = fields.optional("checklist")
        guard let board, let originator else { return nil }
        return BoardReport(
            board: board, paperNumber: paperNumber, agendaItem: agendaItem, originator: originator,
            subject: subject, protectiveMarking: marking, recommendations: recommendations ?? [],
            financialImplications: financial, contactOfficer: contact, checklist: checklist ?? [])
    }
}

/// One line of a paper's originator checklist.
public struct ChecklistAnswer: Sendable, YAMLDecodable, Codable {
    public enum Answer: String, YAMLEnum {
        case yes, no
        public static let description = "an answer (yes or no)"
    }

    public var question: String
    public var answer: Answer
    public var comment: String?

    public static func decode(_ node: Node, _ reader: YAMLReader) -> ChecklistAnswer? {
        guard let fields = reader.fields(node, "a checklist item") else { return nil }
        let question: String? = fields.required("question")
        let answer: Answer? = fields.required("answer")
        let comment: String? = fields.optional("comment")
        fields.finish()
        guard let question, let answer else { return nil }
        return ChecklistAnswer(question: question, answer: answer, comment: comment)
    }
}

/// A numbered section (`3`) or paragraph (`3.4`) of a paper, with its permanent anchor.
public struct NumberedSection: Sendable, Hashable, Codable {
    public var number: String
    public var title: String?
    public var anchor: String { HeadingSlug.sectionAnchor(number) }
}
