import Yams

/// Whether a document is public.
public enum DocumentStatus: String, YAMLEnum {
    case draft, published, withdrawn
    public static let description = "a status"
}

/// The categories of information an elected local policing body must publish
/// under the Elected Local Policing Bodies (Specified Information) Order 2011,
/// as amended in 2021. `/publication-scheme/` lists every one, with what has
/// been published for it and the gaps.
public enum PublicationCategory: String, YAMLEnum {
    case whoWeAre = "who-we-are"
    case incomeAndExpenditure = "income-and-expenditure"
    case decisions
    case policiesAndProcedures = "policies-and-procedures"
    case listsAndRegisters = "lists-and-registers"
    case performance
    case complaints
    case inspections
    public static let description = "a publication-scheme category"

    public var title: String {
        switch self {
        case .whoWeAre: "Who we are and what we do"
        case .incomeAndExpenditure: "Income and expenditure"
        case .decisions: "Decisions and how they are made"
        case .policiesAndProcedures: "Policies and procedures"
        case .listsAndRegisters: "Lists and registers"
        case .performance: "Force performance and the national crime and policing measures"
        case .complaints: "Complaints"
        case .inspections: "Inspection reports and the commissioner's responses"
        }
    }

    /// What belongs here, in plain words.
    public var summary: String {
        switch self {
        case .whoWeAre: "The commissioner, the office's staff and structure, and how to get in touch."
        case .incomeAndExpenditure: "Budgets, the precept, grants, spending, contracts and allowances."
        case .decisions: "Significant decisions, and the papers and notes of the meetings where they are made."
        case .policiesAndProcedures: "The policies and procedures the office works to."
        case .listsAndRegisters: "Registers of interests, gifts and hospitality, and other lists."
        case .performance: "How the force is doing, including against the national crime and policing measures (added in 2021)."
        case .complaints: "How complaints about the police are handled and how well (added in 2021)."
        case .inspections: "Inspection reports about the force and the commissioner's published comments on them (added in 2021)."
        }
    }
}

/// One public change note: what changed, and when.
public struct ChangeNote: Sendable, Hashable, YAMLDecodable, Codable {
    public var date: Day
    public var note: String

    public static func decode(_ node: Node, _ reader: YAMLReader) -> ChangeNote? {
        guard let fields = reader.fields(node, "a change note (date and note)") else { return nil }
        let date: Day? = fields.required("date")
        let note: String? = fields.required("note")
        fields.finish()
        guard let date, let note else { return nil }
        return ChangeNote(date: date, note: note)
    }
}

/// An address a document used to have: a site path (`/reports/old-name/`) or
/// the file it used to be (`reports/old-name.md`).
public struct MovedFrom: Sendable, Hashable, YAMLDecodable, Codable {
    /// The old site path, e.g. `/reports/old-name/`.
    public var sitePath: String
    public var position: SourcePosition?

    public static func decode(_ node: Node, _ reader: YAMLReader) -> MovedFrom? {
        guard let text = reader.scalar(node, expecting: "an old address") else { return nil }
        var path = text.hasPrefix("/") ? String(text.dropFirst()) : text
        if path.hasPrefix("Content/") { path = String(path.dropFirst("Content/".count)) }
        if path.hasSuffix(".md") { path = String(path.dropLast(3)) + "/" }
        if !path.hasSuffix("/") { path += "/" }
        let segments = path.split(separator: "/")
        guard !segments.isEmpty, segments.allSatisfy({ ContentLoader.isValidSlug(String($0)) }) else {
            reader.error(node, "'\(text)' is not an address on this site",
                note: "give the old address (/reports/old-name/) or the old file (reports/old-name.md)")
            return nil
        }
        return MovedFrom(sitePath: "/" + path, position: reader.position(node))
    }
}

/// The fields every published document (meeting, report, response) carries.
public struct CommonMetadata: Sendable, Hashable, Codable {
    public var title: String
    public var date: Day
    /// An organisation id from site.yml.
    public var organisation: String
    public var organisationPosition: SourcePosition?
    public var summary: String
    public var topics: [String]
    public var category: PublicationCategory?
    public var status: DocumentStatus
    public var withdrawnReason: String?
    /// First published on the site.
    public var published: Day
    /// Where that date is written (`published:`, or `date:` when it stands for both).
    public var publishedPosition: SourcePosition?
    public var changes: [ChangeNote]
    public var changesPosition: SourcePosition?
    /// Status updates this document gives to earlier recommendations and actions.
    public var updates: [StatusUpdate]
    /// The figures the document reports.
    public var figures: [Figure]
    /// Earlier site paths of this document (`/reports/old-name/`), kept working by redirects.
    public var movedFrom: [MovedFrom]

    /// The last time a major change was published (GOV.UK's "last updated").
    public var lastUpdated: Day {
        changes.map(\.date).max().map { max($0, published) } ?? published
    }

    /// Reads the common keys from a document's fields; nil after reporting problems.
    static func read(_ fields: YAMLReader.Fields) -> CommonMetadata? {
        let title: String? = fields.required("title")
        let date: Day? = fields.required("date")
        let organisation: String? = fields.required("organisation")
        let organisationPosition = fields.node("organisation").flatMap(fields.reader.position)
        let summary: String? = fields.required("summary")
        let topics: [String]? = fields.optional("topics")
        let category: PublicationCategory? = fields.optional("category")
        let status: DocumentStatus? = fields.optional("status")
        let withdrawnReason: String? = fields.optional("withdrawn_reason")
        let published: Day? = fields.optional("published")
        let publishedPosition = (fields.node("published") ?? fields.node("date")).flatMap(fields.reader.position)
        let changes: [ChangeNote]? = fields.optional("changes")
        let changesPosition = fields.node("changes").flatMap(fields.reader.position)
        let movedFrom: [MovedFrom]? = fields.optional("moved_from")
        let updates: [StatusUpdate]? = fields.optional("updates")
        let figures: [Figure]? = fields.optional("figures")

        let decodedStatus = status ?? .published
        if decodedStatus == .withdrawn, withdrawnReason == nil {
            fields.reader.error(fields.node("status"), "a withdrawn document needs a 'withdrawn_reason'",
                note: "say why it was withdrawn: readers still find it at its address")
        }
        if decodedStatus != .withdrawn, let reasonNode = fields.node("withdrawn_reason") {
            fields.reader.error(reasonNode, "'withdrawn_reason' is only allowed when status is 'withdrawn'")
        }
        guard let title, let date, let organisation, let summary else { return nil }
        return CommonMetadata(
            title: title, date: date, organisation: organisation, organisationPosition: organisationPosition,
            summary: summary, topics: topics ?? [], category: category, status: decodedStatus,
            withdrawnReason: withdrawnReason, published: published ?? date, publishedPosition: publishedPosition,
            changes: changes ?? [],
            changesPosition: changesPosition, updates: updates ?? [], figures: figures ?? [], movedFrom: movedFrom ?? [])
    }
}
