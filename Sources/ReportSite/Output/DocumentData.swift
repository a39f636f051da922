import Crypto
import Foundation

/// A document as open data: its typed metadata, version history and details,
/// published as `document.json` beside its page. The shape is stable: fields
/// are added, never renamed or removed.
public struct DocumentData: Codable, Sendable, Equatable {
    public struct Organisation: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
    }

    public struct Person: Codable, Sendable, Equatable {
        public var name: String
        public var role: String
    }

    public struct Version: Codable, Sendable, Equatable {
        public var number: Int
        public var url: String
        /// When it was published: first publication for version 1, else the change that made it.
        public var published: String
        /// The change note that made this version (nil for version 1).
        public var note: String?
        public var current: Bool
    }

    public struct Recommendation: Codable, Sendable, Equatable {
        public var number: Int
        public var text: String
        public var timescale: String
        public var due: String?
        public var status: String
        public var hasResponse: Bool
    }

    public struct Question: Codable, Sendable, Equatable {
        public var number: Int
        public var question: String
        public var url: String
        public var postMeetingInformation: Bool
    }

    public struct Action: Codable, Sendable, Equatable {
        public var id: String
        public var action: String
        public var owner: String
        public var due: String?
        public var status: String
    }

    /// A figure the document reports (see `/trends/<metric>/`).
    public struct FigureData: Codable, Sendable, Equatable {
        public var metric: String
        public var period: String
        public var periodLabel: String
        public var value: Double
        public var organisation: String
        public var category: String?
        public var note: String?
    }

    public struct ChecklistItem: Codable, Sendable, Equatable {
        public var question: String
        public var answer: String
        public var comment: String?
    }

    /// Kind-specific details; only the fields of the document's kind are set.
    public struct Details: Codable, Sendable, Equatable {
        // Meetings
        public var chair: Person?
        public var noteTaker: Person?
        public var venue: String?
        public var attendees: [Person]?
        public var purpose: String?
        public var verdict: String?
        public var questions: [Question]?
        public var actions: [Action]?
        // Papers
        public var board: String?
        public var paperNumber: String?
        public var agendaItem: String?
        public var originator: String?
        public var subject: String?
        public var protectiveMarking: String?
        public var boardRecommendations: [String]?
        public var financialImplications: String?
        public var contactOfficer: Person?
        public var checklist: [ChecklistItem]?
        // Responses
        public var inspectorate: String?
        public var inspection: String?
        public var fieldworkStart: String?
        public var fieldworkEnd: String?
        public var reportPublished: String?
        public var responseDeadline: String?
        public var addressee: Person?
        public var signedBy: Person?
        public var copiedTo: [String]?
        public var recommendations: [Recommendation]?
    }

    public var kind: String
    public var slug: String
    public var url: String
    public var title: String
    public var summary: String?
    public var date: String?
    public var organisation: Organisation?
    public var topics: [String]
    public var category: String?
    public var status: String
    public var withdrawnReason: String?
    public var published: String?
    public var lastUpdated: String?
    public var version: Int
    public var versions: [Version]
    public var figures: [FigureData]
    public var details: Details
}

extension DocumentData {
    init(_ document: Document, graph: SiteGraph) {
        let path = SiteGraph.path(of: document)
        let metadata = document.metadata
        // What the catalogue also lists, said once (see `OpenData.Catalogue.Entry`).
        let entry = OpenData.Catalogue.Entry(document, graph: graph)
        kind = entry.kind
        slug = document.slug
        url = entry.url
        title = entry.title
        summary = document.summary
        date = entry.date
        organisation = metadata.flatMap { graph.config.organisation($0.organisation) }.map { Organisation(id: $0.id, name: $0.name) }
        topics = entry.topics
        if case let .page(page) = document.content { category = page.category?.rawValue } else { category = metadata?.category?.rawValue }
        status = entry.status
        withdrawnReason = metadata?.withdrawnReason
        published = metadata?.published.iso
        lastUpdated = metadata?.lastUpdated.iso
        version = entry.version
        versions = (1...document.versionNumber).map { number in
            let isCurrent = number == document.versionNumber
            let introducedBy = number > 1 ? document.versions[number - 2] : nil
            return Version(
                number: number, url: graph.absoluteURL(isCurrent ? path : path + "v\(number)/"),
                published: (introducedBy?.supersededOn ?? metadata?.published)?.iso ?? "",
                note: introducedBy?.note, current: isCurrent)
        }
        figures = (metadata?.figures ?? []).map { figure in
            FigureData(
                metric: figure.metric, period: figure.period.description, periodLabel: figure.period.label, value: figure.value,
                organisation: figure.organisation ?? metadata?.organisation ?? "", category: figure.category, note: figure.note)
        }
        details = DocumentData.details(document, graph: graph, pageURL: url)
    }

    private static func details(_ document: Document, graph: SiteGraph, pageURL: String) -> Details {
        func person(_ p: ReportSite.Person) -> Person { Person(name: p.name, role: p.role) }
        var details = Details()
        switch document.content {
        case let .meeting(meeting):
            details.chair = person(meeting.chair)
            details.noteTaker = meeting.noteTaker.map(person)
            details.venue = meeting.venue
            details.attendees = meeting.attendees.map(person)
            details.purpose = meeting.purpose
            details.verdict = meeting.verdict?.rawValue
            details.questions = meeting.questions.map {
                Question(number: $0.number, question: $0.question, url: pageURL + "#" + $0.anchor,
                    postMeetingInformation: $0.hasPostMeetingInformation)
            }
            let tracked = graph.trackers.actions(of: document.path)
            details.actions = meeting.actions.map { action in
                Action(id: action.id, action: action.action, owner: action.owner, due: action.due?.iso,
                    status: (tracked.first { $0.action.id == action.id }?.status ?? action.status).rawValue)
            }
        case let .report(report):
            details.board = report.board
            details.paperNumber = report.paperNumber
            details.agendaItem = report.agendaItem
            details.originator = report.originator
            details.subject = report.subject
            details.protectiveMarking = report.protectiveMarking?.rawValue
            details.boardRecommendations = report.recommendations
            details.financialImplications = report.financialImplications
            details.contactOfficer = report.contactOfficer.map(person)
            details.checklist = report.checklist.map { ChecklistItem(question: $0.question, answer: $0.answer.rawValue, comment: $0.comment) }
        case let .response(response):
            details.inspectorate = response.inspectorate
            details.inspection = response.inspection
            details.fieldworkStart = response.fieldwork?.start.iso
            details.fieldworkEnd = response.fieldwork?.end.iso
            details.reportPublished = response.reportPublished?.iso
            details.responseDeadline = response.responseDeadline?.iso
            details.addressee = person(response.addressee)
            details.signedBy = person(response.signedBy)
            details.copiedTo = response.copiedTo
            let tracked = graph.trackers.recommendations(of: document.path)
            details.recommendations = response.recommendations.map { item in
                Recommendation(
                    number: item.number, text: item.text, timescale: item.timescale.description,
                    due: response.reportPublished.map { item.timescale.due(from: $0).iso },
                    status: (tracked.first { $0.number == item.number }?.status ?? item.status).rawValue,
                    hasResponse: item.response != nil)
            }
        case .page:
            break
        }
        return details
    }
}

/// `document.json` beside each page, and the catalogue `/data/documents.json`.
enum OpenData {
    struct Catalogue: Codable {
        struct Entry: Codable {
            let kind: String
            let title: String
            let url: String
            let data: String
            let date: String?
            let organisation: String?
            let topics: [String]
            let version: Int
            let status: String

            /// What the catalogue says of `document`; its `DocumentData`
            /// takes the same values from here.
            init(_ document: Document, graph: SiteGraph) {
                let metadata = document.metadata
                let path = SiteGraph.path(of: document)
                kind = document.kind.rawValue
                title = document.title
                url = graph.absoluteURL(path)
                data = graph.absoluteURL(path + "document.json")
                date = metadata?.date.iso
                organisation = metadata.flatMap { graph.config.organisation($0.organisation) }?.id
                topics = metadata?.topics ?? []
                version = document.versionNumber
                status = metadata?.status.rawValue ?? "published"
            }
        }

        let title: String
        let licence: String?
        let licenceURL: String?
        let documents: [Entry]
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return encoder
    }

    /// Every `document.json` and the catalogue; with a `sink`, each file is
    /// stored as soon as it is made, so they are never all in memory at once.
    /// With a `salt` (as for pages: the generator and templates), each
    /// `document.json` gets a fingerprint, and one the `previous` build made
    /// from the same data is reused rather than encoded again; with a
    /// `keyer`, one made from the same inputs is reused before its data is
    /// even gathered (see `PageInputs`).
    static func render(
        _ graph: SiteGraph, sink: StagingSink? = nil, salt: String? = nil, keyer: PageInputs.Keyer? = nil, previous: PreviousOutput? = nil
    ) -> [OutputFile] {
        // The catalogue first: with the same inputs as last time (only
        // bodies changed), the last build's copy is reused and no entry is made.
        let catalogueKey = keyer?.key(path: cataloguePath, template: nil, source: .site)
        let reusedCatalogue = catalogueKey.flatMap { previous?.reuse(cataloguePath, inputsKey: $0, template: nil) }
        // One file per document, encoded on every core.
        let made = ParallelMap.map(graph.documents) { document -> (file: OutputFile, entry: Catalogue.Entry?) in
            let entry = reusedCatalogue == nil ? Catalogue.Entry(document, graph: graph) : nil
            return (documentFile(document, graph: graph, sink: sink, salt: salt, keyer: keyer, previous: previous), entry)
        }
        let catalogue = reusedCatalogue ?? {
            var made = Self.catalogue(made.compactMap(\.entry), graph: graph, salt: salt, previous: previous)
            made.inputsKey = catalogueKey
            return made
        }()
        return made.map(\.file) + [sink?.store(catalogue) ?? catalogue]
    }

    /// Where `document`'s `document.json` is, as an output path.
    static func dataPath(_ document: Document) -> String {
        String(SiteGraph.path(of: document).dropFirst()) + "document.json"
    }

    /// `document`'s `document.json`: reused when its inputs or its bytes are
    /// those of the previous build's copy, else written. As for the
    /// catalogue, the digest of its bytes is its fingerprint: a fingerprint
    /// of the data in the decode cache's binary form cost more than the JSON
    /// (written by hand) it stood for, and a clean build made both.
    static func documentFile(
        _ document: Document, graph: SiteGraph, sink: StagingSink?, salt: String?, keyer: PageInputs.Keyer?, previous: PreviousOutput?
    ) -> OutputFile {
        let path = dataPath(document)
        let inputsKey = keyer?.key(path: path, template: nil, source: .owner(document))
        if let inputsKey, let reused = previous?.reuse(path, inputsKey: inputsKey, template: nil) {
            return sink?.store(reused) ?? reused
        }
        var json = DocumentData(document, graph: graph).json()
        json.append(UInt8(ascii: "\n"))
        let data = Data(json)
        let digest = IntegrityLock.sha256(data)
        let fingerprint = salt == nil ? nil : digest
        var file: OutputFile
        if let fingerprint, let reused = previous?.reuse(path, fingerprint: fingerprint, template: nil) {
            file = reused
        } else {
            file = OutputFile(path: path, data: data, fingerprint: fingerprint)
            file.sha256 = digest
        }
        file.inputsKey = inputsKey
        return sink?.store(file) ?? file
    }

    static let cataloguePath = "data/documents.json"

    /// `data/documents.json`. Its bytes are its digest's; with a `salt`
    /// (a build that fingerprints), that digest is also its fingerprint:
    /// being the output's own, it needs no salt. The last build's copy is
    /// reused when the bytes are the same.
    static func catalogue(_ entries: [Catalogue.Entry], graph: SiteGraph, salt: String?, previous: PreviousOutput?) -> OutputFile {
        let catalogue = Catalogue(
            title: graph.config.title, licence: graph.config.licence?.title, licenceURL: graph.config.licence?.url,
            documents: entries.sorted { $0.url < $1.url })
        var json = catalogue.json()
        json.append(UInt8(ascii: "\n"))
        let data = Data(json)
        let digest = IntegrityLock.sha256(data)
        let fingerprint = salt == nil ? nil : digest
        if let fingerprint, let reused = previous?.reuse(cataloguePath, fingerprint: fingerprint, template: nil) { return reused }
        var file = OutputFile(path: cataloguePath, data: data, fingerprint: fingerprint)
        file.sha256 = digest
        return file
    }
}
