import Foundation
import Testing

@testable import ReportSite

/// The small types the decode cache writes as field lists (`CacheFields`):
/// each list holds every stored property, so a property added to one of
/// these types cannot be lost between builds.
@Suite struct CacheFieldsTests {
    /// A value of every field-list type, with every optional set.
    static let samples: [any Sendable] = {
        var answer = BodyPart()
        answer.append(3..<9)
        answer.append(12..<20)
        var further = BodyPart()
        further.append(40..<41)
        let position = SourcePosition(line: 7, column: 3)
        return [
            position,
            Heading(level: 2, text: "Custody – ‘detention’", id: "section-2", position: position),
            MarkdownLink(href: "/reports/x/#section-3", isImage: true, position: position, isReported: true),
            NumberedSection(number: "3.4", title: "Finance"),
            answer,
            MeetingQuestion(number: 4, question: "How many?", answer: answer, hasPostMeetingInformation: true),
            InspectionRecommendation(
                number: 2, text: "Review the policy.", timescale: .within(6, .month), status: .inProgress, position: position,
                response: answer, furtherWork: further),
            Person(name: "A. Chair", role: "Chief Executive"),
            Day(year: 2024, month: 2, day: 29)!,
            DecodeCache.Entry.LinkResolution(path: "reports/x.md", target: .missing(note: "did you mean y.md?")),
        ] + documentSamples
    }()

    /// A document with every optional set, and what it holds.
    static let documentSamples: [any Sendable] = {
        var part = BodyPart()
        part.append(3..<9)
        let position = SourcePosition(line: 7, column: 3)
        let day = Day(year: 2024, month: 2, day: 29)!
        let person = Person(name: "A. Chair", role: "Chief Executive")
        let figure = Figure(
            metric: "mash-contacts", period: .financialYear(2016), value: 12.5, organisation: "force", category: "adults",
            unit: "contacts", note: "provisional", position: position, metricPosition: position)
        let update = StatusUpdate(
            document: "responses/x.md", target: .action("A1"), status: "complete", note: "Done in May.", position: position,
            statusPosition: position)
        let metadata = CommonMetadata(
            title: "Custody meeting", date: day, organisation: "opcc", organisationPosition: position, summary: "What was asked.",
            topics: ["custody", "health"], category: .decisions, status: .withdrawn, withdrawnReason: "Replaced.", published: day,
            publishedPosition: position, changes: [ChangeNote(date: day, note: "Corrected a figure.")], changesPosition: position,
            updates: [update], figures: [figure], movedFrom: [MovedFrom(sitePath: "/reports/old/", position: position)])
        let meeting = AssuranceMeeting(
            chair: person, noteTaker: person, venue: "Room 1", attendees: [person], purpose: "Assurance.", verdict: .partlyAssured,
            actions: [MeetingAction(id: "A1", action: "Report back.", owner: "Force", due: day, status: .inProgress)],
            introduction: part, questions: [MeetingQuestion(number: 1, question: "How?", answer: part, hasPostMeetingInformation: false)])
        let report = BoardReport(
            board: "Panel", paperNumber: "AP17/47", agendaItem: "5", originator: "Chief Finance Officer", subject: "Budget",
            protectiveMarking: .official, recommendations: ["Note the report."], financialImplications: "None.",
            contactOfficer: person, checklist: [ChecklistAnswer(question: "Legal advice?", answer: .yes, comment: "Taken.")],
            sections: [NumberedSection(number: "3", title: "Finance")])
        let response = InspectionResponse(
            inspectorate: "HMICFRS", inspection: "Custody", fieldwork: DateRange(start: day, end: day), reportPublished: day,
            addressee: person, signedBy: person, copiedTo: ["Chief Constable"], recommendations: [], inspectionPosition: position,
            letter: part, closing: part)
        let chart = ChartBlock(metric: "mash-contacts", type: "bar", organisations: ["force"], from: "2016", to: "2018", position: position)
        let diagnostic = Diagnostic(.warning, file: "Content/x.md", at: position, "Odd.", note: "did you mean y?")
        var document = Document(
            path: "Content/meetings/x.md", kind: .meeting, slug: "x", metadata: metadata, content: .meeting(meeting),
            body: DocumentBody(TrustedHTML("<p>Body</p>")), headings: [], links: [], markdown: "Body", charts: [chart])
        document.versions = [FrozenVersion(number: 1, document: document, supersededOn: day, note: "Major change.")]
        document.revision = "abc"
        document.face = "def"
        let source = SourceFile(path: "Content/meetings/x.md", text: "---\ntitle: x\n---\nBody")
        let entry = DecodeCache.Entry(
            key: "k", links: ["reports/y.md": .page("/reports/y/")], source: source, document: document, diagnostics: [diagnostic])
        return [
            entry, document, DocumentBody(TrustedHTML("<p>Chart</p>")), document.versions[0], metadata, ChangeNote(date: day, note: "A note."),
            MovedFrom(sitePath: "/reports/old/", position: position), update, figure, Period.Month("2016-06")!, meeting,
            MeetingAction(id: "A1", action: "Report back.", owner: "Force", due: day, status: .open), report,
            ChecklistAnswer(question: "Legal advice?", answer: .no, comment: "None."), response, DateRange(start: day, end: day),
            Page(title: "About", summary: "Who we are.", updated: day, category: .whoWeAre), chart, diagnostic,
        ]
    }()

    /// Every case of every field-list enumeration.
    static let cases: [any Sendable] = [
        DocumentLinkTarget.page("/reports/x/"), DocumentLinkTarget.missing(note: "did you mean y.md?"),
        DocumentLinkTarget.missing(note: nil), Timescale.immediately, Timescale.within(6, .month), Timescale.within(1, .week),
        Document.Content.meeting(documentSamples.compactMap { $0 as? AssuranceMeeting }[0]),
        Document.Content.report(documentSamples.compactMap { $0 as? BoardReport }[0]),
        Document.Content.response(documentSamples.compactMap { $0 as? InspectionResponse }[0]),
        Document.Content.page(Page(title: "About", summary: nil, updated: nil, category: nil)),
        StatusUpdate.Target.recommendation(3), StatusUpdate.Target.action("A1"),
        Period.day(Day(year: 2016, month: 9, day: 22)!), Period.months(from: Period.Month("2016-06")!, to: Period.Month("2017-06")!),
        Period.financialYear(2016), Period.year(2016),
    ]

    @Test func everyFieldListTypeHasASample() {
        let sampled = Set((Self.samples + Self.cases).map { ObjectIdentifier(type(of: $0)) })
        let listed = Set(CacheFieldTypes.all.map { ObjectIdentifier($0) })
        #expect(sampled == listed)
    }

    @Test func everyFieldListHoldsEveryStoredProperty() throws {
        for sample in Self.samples {
            // A document's stored properties are its boxed fields.
            let properties = Mirror(reflecting: (sample as? Document)?.fields ?? sample).children
            let unset = properties.filter { child in
                let mirror = Mirror(reflecting: child.value)
                return mirror.displayStyle == .optional && mirror.children.isEmpty
            }.compactMap(\.label)
            #expect(unset.isEmpty, "\(type(of: sample)): the sample leaves \(unset) unset")

            let bytes = try encode(sample)
            #expect(try fieldCount(bytes) == properties.count, "\(type(of: sample)): a field list per stored property")
            let decoded = try decode(bytes, as: sample)
            #expect(String(describing: decoded) == String(describing: sample))
        }
    }

    @Test func everyCaseComesBack() throws {
        for sample in Self.cases {
            #expect(String(describing: try decode(try encode(sample), as: sample)) == String(describing: sample))
        }
    }

    /// In a document's face a body part keeps only whether it has ranges, as its `encode(to:)` says.
    @Test func aFaceKeepsOnlyWhetherABodyPartIsEmpty() throws {
        var part = BodyPart()
        part.append(100..<200)
        let face = try CacheCoder.encode(part, userInfo: [PageInputs.faceKey: true])
        var moved = BodyPart()
        moved.append(5..<6)
        #expect(face == (try CacheCoder.encode(moved, userInfo: [PageInputs.faceKey: true])))
        #expect(face != (try CacheCoder.encode(BodyPart(), userInfo: [PageInputs.faceKey: true])))
        #expect(try CacheCoder.decode(BodyPart.self, from: try CacheCoder.encode(part)) == part)
    }

    @Test func aFieldListWithAFieldMissingOrLeftOverThrows() throws {
        var bytes = [UInt8](try CacheCoder.encode(SourcePosition(line: 1, column: 2)))
        // One more field, with the list's length grown to hold it.
        bytes += [CacheTag.int.rawValue, 4]
        bytes[1] += 2
        #expect(throws: DecodingError.self) { try CacheCoder.decode(SourcePosition.self, from: Data(bytes)) }
        // One field fewer.
        var shortened = Array([UInt8](try CacheCoder.encode(Person(name: "A", role: "B"))).dropLast(3))
        shortened[1] -= 3
        #expect(throws: DecodingError.self) { try CacheCoder.decode(Person.self, from: Data(shortened)) }
    }

    // MARK: - Helpers

    func encode(_ value: Any) throws -> Data {
        guard let value = value as? any Encodable else { throw CocoaError(.coderInvalidValue) }
        return try CacheCoder.encode(value)
    }

    func decode(_ bytes: Data, as sample: Any) throws -> Any {
        guard let type = type(of: sample) as? any Decodable.Type else { throw CocoaError(.coderInvalidValue) }
        return try CacheCoder.decode(type, from: bytes)
    }

    /// How many values the list at the start of `bytes` holds.
    func fieldCount(_ bytes: Data) throws -> Int {
        try bytes.withUnsafeBytes { raw in
            var reader = StreamReader(bytes: raw, offset: 0)
            guard try reader.tag() == .list else { return -1 }
            let length = try reader.length()
            let end = reader.offset + length
            var count = 0
            while reader.offset < end {
                try reader.skipValue()
                count += 1
            }
            return count
        }
    }
}
