import Testing

@testable import ReportSite

/// Front matter decodes into typed models, and every mistake is reported with
/// its exact position.
@Suite struct DecodingTests {
    let site: SiteConfig = {
        let text = String(decoding: Fixtures.files(in: Fixtures.folder.appending(path: "common"))["Content/site.yml"]!, as: UTF8.self)
        return SiteConfig.load(SourceFile(path: "Content/site.yml", text: text)).0!
    }()

    func decode(_ kind: DocumentKind, _ text: String) -> (Document?, [String]) {
        let (document, diagnostics) = DocumentDecoder.decode(
            SourceFile(path: "doc.md", text: text), kind: kind, slug: "doc", site: site)
        return (document, diagnostics.sorted().map(\.description))
    }

    static let meeting = """
        ---
        title: Roads
        date: 2024-05-01
        organisation: sample-opcc
        summary: A meeting.
        chair: {name: Pat, role: Commissioner}
        venue: Room 1
        attendees:
          - {name: Pat, role: Commissioner}
          - {name: Sam, role: Chief Constable}
        purpose: Roads.
        ---

        ## First question?

        First answer.

        ## Second question?

        > [!POST-MEETING]
        > Added later.
        """

    @Test func decodesAMeetingIntoTypedQuestions() throws {
        let (document, problems) = decode(.meeting, Self.meeting)
        #expect(problems.isEmpty)
        guard case let .meeting(meeting) = try #require(document).content else {
            Issue.record("not a meeting")
            return
        }
        #expect(meeting.attendees.map(\.name) == ["Pat", "Sam"])
        #expect(meeting.questions.map(\.question) == ["First question?", "Second question?"])
        #expect(meeting.questions.map(\.anchor) == ["question-1", "question-2"])
        #expect(meeting.questions.map(\.hasPostMeetingInformation) == [false, true])
        let body = try #require(document).body.html
        #expect(meeting.questions[0].answer.html(in: body).html == "<p>First answer.</p>\n")
        #expect(meeting.questions[1].answer.html(in: body).html.contains("Added later."))
        #expect(meeting.introduction.isEmpty)
        #expect(document?.metadata?.date == Day(year: 2024, month: 5, day: 1))
    }

    /// Answers and response sections are ranges of the body, not copies of it.
    @Test func bodyPartsCutTheirBytesFromTheBody() {
        let body = TrustedHTML("<h2>Ü</h2>\n<p>é one</p>\n<p>two</p>\n<h2>x</h2>\n<p>three</p>\n")
        let utf8 = Array(body.html.utf8)
        func range(of text: String) -> Range<Int> {
            let needle = Array(text.utf8)
            let start = (0...(utf8.count - needle.count)).first { Array(utf8[$0..<($0 + needle.count)]) == needle }!
            return start..<(start + needle.count)
        }
        var part = BodyPart()
        part.append(range(of: "<p>é one</p>\n"))
        part.append(range(of: "<p>two</p>\n"))
        #expect(part.ranges.count == 1, "adjacent blocks make one range")
        part.append(range(of: "<p>three</p>\n"))
        #expect(part.ranges.count == 2)
        #expect(part.html(in: body).html == "<p>é one</p>\n<p>two</p>\n<p>three</p>\n")
        #expect(BodyPart().html(in: body).html.isEmpty && BodyPart().isEmpty)
    }

    @Test func yamlSyntaxErrorPointsAtTheProblem() {
        let (_, problems) = decode(.page, "---\ntitle: Notes: roads\n---\n")
        #expect(problems == ["doc.md:2:13: error: invalid YAML: mapping values are not allowed in this context"])
    }

    @Test func unknownKeyIsAnErrorWithAHint() {
        let text = Self.meeting.replacing("venue: Room 1", with: "venue: Room 1\nvenu: Room 2")
        let (document, diagnostics) = DocumentDecoder.decode(
            SourceFile(path: "doc.md", text: text), kind: .meeting, slug: "doc", site: site)
        #expect(document == nil)
        #expect(diagnostics.map(\.description) == ["doc.md:8:1: error: unknown key 'venu' in the front matter"])
        #expect(diagnostics.first?.note == "did you mean 'venue'?")
    }

    @Test func missingKeysAreReportedAtTheMapping() {
        let text = Self.meeting.replacing("chair: {name: Pat, role: Commissioner}\n", with: "")
            .replacing("purpose: Roads.\n", with: "")
        let (_, problems) = decode(.meeting, text)
        #expect(problems == [
            "doc.md:2:1: error: missing required key 'chair' in the front matter",
            "doc.md:2:1: error: missing required key 'purpose' in the front matter",
        ])
    }

    @Test func typeErrorsPointAtTheValue() {
        let text = Self.meeting
            .replacing("date: 2024-05-01", with: "date: 1 May 2024")
            .replacing("chair: {name: Pat, role: Commissioner}", with: "chair: Pat")
        let (_, problems) = decode(.meeting, text)
        #expect(problems == [
            "doc.md:3:7: error: '1 May 2024' is not a valid date",
            "doc.md:6:8: error: expected a person (name and role) as a mapping of keys to values, found a single value",
        ])
    }

    @Test func enumsSuggestTheNearestValue() {
        let text = Self.meeting.replacing("purpose: Roads.", with: "purpose: Roads.\nverdict: asured")
        let (document, diagnostics) = DocumentDecoder.decode(
            SourceFile(path: "doc.md", text: text), kind: .meeting, slug: "doc", site: site)
        #expect(document == nil)
        #expect(diagnostics.map(\.description) == [
            "doc.md:12:10: error: 'asured' is not a verdict; expected one of: assured, partly-assured, not-assured"
        ])
        #expect(diagnostics.first?.note == "did you mean 'assured'?")
    }

    @Test func unknownOrganisationIsPositioned() {
        let text = Self.meeting.replacing("organisation: sample-opcc", with: "organisation: sample-opc")
        let (_, problems) = decode(.meeting, text)
        #expect(problems == ["doc.md:4:15: error: unknown organisation 'sample-opc'"])
    }

    @Test func nestedProblemsAreAllReported() {
        let text = Self.meeting.replacing(
            "  - {name: Sam, role: Chief Constable}", with: "  - {name: Sam}\n  - {nam: Kim, role: ACC}")
        let (_, problems) = decode(.meeting, text)
        #expect(problems == [
            "doc.md:10:5: error: missing required key 'role' in a person (name and role)",
            "doc.md:11:5: error: missing required key 'name' in a person (name and role)",
            "doc.md:11:6: error: unknown key 'nam' in a person (name and role)",
        ])
    }

    @Test func withdrawnNeedsAReason() {
        let text = Self.meeting.replacing("purpose: Roads.", with: "purpose: Roads.\nstatus: withdrawn")
        let (_, problems) = decode(.meeting, text)
        #expect(problems == ["doc.md:12:9: error: a withdrawn document needs a 'withdrawn_reason'"])
    }

    @Test func responseRecommendationsPairWithBodySections() throws {
        let text = """
            ---
            title: Response
            date: 2024-04-01
            organisation: sample-opcc
            summary: S.
            inspectorate: HMICFRS
            inspection: Roads
            report_published: 2024-02-20
            addressee: {name: Jo, role: Home Secretary}
            signed_by: {name: Pat, role: Commissioner}
            recommendations:
              - {number: 1, text: Do it., timescale: within six months}
              - {number: 2, text: Do that., timescale: immediately}
            ---

            Letter.

            ## Recommendation 1

            Response one.

            ### Further work

            More.
            """
        let (document, problems) = decode(.response, text)
        #expect(problems == [
            "doc.md:13:5: warning: recommendation 2 has no response"
        ])
        guard case let .response(response) = try #require(document).content else {
            Issue.record("not a response")
            return
        }
        let body = try #require(document).body.html
        #expect(response.letter.html(in: body).html == "<p>Letter.</p>\n")
        #expect(response.recommendations[0].response?.html(in: body).html == "<p>Response one.</p>\n")
        #expect(response.recommendations[0].furtherWork?.html(in: body).html == "<p>More.</p>\n")
        #expect(response.recommendations[0].timescale == .within(6, .month))
        #expect(response.recommendations[1].response == nil)
        #expect(response.responseDeadline == Day(year: 2024, month: 4, day: 15))
    }
}
