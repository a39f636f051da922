import Foundation
import Testing

@testable import ReportSite

/// The s55 checks, the recommendation and action trackers, and the publication scheme.
@Suite struct AccountabilityTests {
    let response = "Content/responses/2024-04-01-sample-inspection.md"

    func site(adding extra: [String: String] = [:], editing edits: [String: (String) -> String] = [:]) -> MemoryFileSystem {
        var files = Fixtures.site("valid").contents.mapValues { String(decoding: $0, as: UTF8.self) }
        for (path, edit) in edits { files[path] = edit(files[path]!) }
        files.merge(extra) { _, new in new }
        return MemoryFileSystem(files)
    }

    /// A later paper that updates recommendation 1 and action A1.
    func laterPaper(date: String = "2024-06-10", updates: String = """
        updates:
          - recommendation: responses/2024-04-01-sample-inspection.md#1
            status: complete
            note: The data team is in place.
          - action: meetings/2024-05-01-roads-assurance.md#A1
            status: in-progress
        """) -> String {
        """
        ---
        title: Roads policing, summer update
        date: \(date)
        organisation: sample-police
        summary: A later paper.
        board: Sample Accountability Panel
        originator: Chief Constable
        category: performance
        \(updates)
        ---

        ## 1. Purpose

        1.1 To update the panel.
        """
    }

    @Test func laterDocumentsUpdateStatusesWithoutRewritingHistory() throws {
        let result = SiteBuilder.build(site(adding: ["Content/reports/2024-06-10-sp24-02.md": laterPaper()]))
        #expect(result.succeeded, "\(result.formattedDiagnostics())")
        let tracker = try #require(result.file("recommendations/index.html"))
        #expect(tracker.contains("<strong class=\"status status--complete\">Complete</strong>"))
        #expect(tracker.contains("According to <a href=\"/reports/2024-06-10-sp24-02/\">Roads policing, summer update</a>, <time datetime=\"2024-06-10\">10 June 2024</time>"))
        let page = try #require(result.file("responses/2024-04-01-sample-inspection/index.html"))
        #expect(page.contains("Updated by <a href=\"/reports/2024-06-10-sp24-02/\">Roads policing, summer update</a>, <time datetime=\"2024-06-10\">10 June 2024</time>: The data team is in place."))
        let complete = try #require(result.file("recommendations/status/complete/index.html"))
        #expect(complete.contains("Improve collision data."))
        #expect(complete.contains("Review patrol plans."))
        let notStarted = try #require(result.file("recommendations/status/not-started/index.html"))
        #expect(notStarted.contains("No recommendations match this view."))
        let actions = try #require(result.file("actions/index.html"))
        #expect(actions.contains("<strong class=\"status\">In progress</strong>"))
        #expect(actions.contains("Verdict: <strong>Partly assured</strong>"))
        let meeting = try #require(result.file("meetings/2024-05-01-roads-assurance/index.html"))
        #expect(meeting.contains("In progress<br><span class=\"tracker__source\">Updated by"))
        // The response's own file still says what it said.
        let tracked = try #require(result.documents.first { $0.path == response })
        guard case let .response(model) = tracked.content else { Issue.record("not a response"); return }
        #expect(model.recommendations[0].status == .notStarted)
    }

    @Test func dueDatesComeFromTheReportAndOverdueIsAsAtTheNewestPublication() throws {
        // Report published 2024-02-20: "within six months" is due 2024-08-20;
        // "immediately" on the day. A paper dated 2024-09-02 makes the first overdue.
        let later = laterPaper(date: "2024-09-02", updates: "")
        let result = SiteBuilder.build(site(adding: ["Content/reports/2024-09-02-sp24-03.md": later]))
        #expect(result.succeeded, "\(result.formattedDiagnostics())")
        let tracker = try #require(result.file("recommendations/index.html"))
        #expect(tracker.contains("Within six months<br><time datetime=\"2024-08-20\">20 August 2024</time>"))
        #expect(tracker.contains("Immediately<br><time datetime=\"2024-02-20\">20 February 2024</time>"))
        #expect(tracker.contains("Statuses as at <time datetime=\"2024-09-02\">2 September 2024</time>"))
        let overdue = try #require(result.file("recommendations/status/overdue/index.html"))
        #expect(overdue.contains("Improve collision data."))
        #expect(!overdue.contains("Review patrol plans."), "complete recommendations are never overdue")
        let byOrganisation = try #require(result.file("recommendations/organisation/sample-opcc/index.html"))
        #expect(byOrganisation.contains("2 recommendations"))
    }

    @Test func badUpdatesArePositionedErrors() {
        let updates = """
            updates:
              - recommendation: responses/2024-04-01-sample-inspection.md#7
                status: complete
              - recommendation: responses/2024-04-01-sample-inspection.md#1
                status: completed
              - action: meetings/2024-05-01-roads-assurance.md#A2
                status: open
              - recommendation: responses/nowhere.md#1
                status: complete
            """
        let result = SiteBuilder.build(site(adding: ["Content/reports/2024-06-10-sp24-02.md": laterPaper(updates: updates)]))
        #expect(result.diagnostics.sorted.map(\.description) == [
            "Content/reports/2024-06-10-sp24-02.md:10:5: error: Response to the sample inspection has no recommendation 7",
            "Content/reports/2024-06-10-sp24-02.md:13:13: error: 'completed' is not a recommendation status; expected one of: not-started, in-progress, complete",
            "Content/reports/2024-06-10-sp24-02.md:14:5: error: Assurance meeting on road safety has no action 'A2'",
            "Content/reports/2024-06-10-sp24-02.md:16:5: error: the update names 'responses/nowhere.md', which is not a published document",
        ])
    }

    @Test func anUpdateMustComeFromALaterDocument() {
        let result = SiteBuilder.build(site(adding: ["Content/reports/2024-03-15-sp24-02.md": laterPaper(date: "2024-03-15")]))
        #expect(result.diagnostics.sorted.map(\.description).first ==
            "Content/reports/2024-03-15-sp24-02.md:10:5: error: an update must come from a later document: this one is dated 15 March 2024, Response to the sample inspection 1 April 2024")
    }

    @Test func lateResponsesAndMissingReportDatesAreWarnings() {
        let late = SiteBuilder.build(site(editing: [response: { $0.replacing("report_published: 2024-02-20", with: "report_published: 2024-01-10") }]))
        #expect(late.diagnostics.all.map(\.description) == [
            "Content/responses/2024-04-01-sample-inspection.md:3:7: warning: the response was published on 1 April 2024, after the s55 deadline of 5 March 2024"
        ])
        let page = late.file("responses/2024-04-01-sample-inspection/index.html") ?? ""
        #expect(page.contains("<strong class=\"status status--bad\">Late</strong>"))

        let missing = SiteBuilder.build(site(editing: [response: { $0.replacing("report_published: 2024-02-20\n", with: "") }]))
        #expect(missing.diagnostics.all.map(\.description) == [
            "Content/responses/2024-04-01-sample-inspection.md:7:13: warning: the inspection report's publication date is not recorded, so the 56-day deadline cannot be shown"
        ])
        let tracker = missing.file("recommendations/index.html") ?? ""
        #expect(tracker.contains("Due date unknown"))
        #expect(tracker.contains("2 of these have no due date"))
    }

    @Test func publicationSchemeListsEveryCategoryAndTheGaps() throws {
        let result = SiteBuilder.build(site(
            adding: ["Content/reports/2024-06-10-sp24-02.md": laterPaper(updates: "")],
            editing: [
                response: { $0.replacing("inspectorate: HMICFRS", with: "inspectorate: HMICFRS\ncategory: inspections") },
                "Content/reports/2024-03-01-sp24-01.md": { $0.replacing("board:", with: "category: performance\nboard:") },
            ]))
        #expect(result.succeeded, "\(result.formattedDiagnostics())")
        let scheme = try #require(result.file("publication-scheme/index.html"))
        #expect(scheme.contains("2 of 8 categories have something published"))
        for category in PublicationCategory.allCases {
            #expect(scheme.contains("id=\"\(category.rawValue)\""), "\(category) is listed")
        }
        // Newest first within a category.
        let performance = try #require(scheme.range(of: "id=\"performance\""))
        let rest = scheme[performance.upperBound...]
        let newer = try #require(rest.range(of: "Roads policing, summer update"))
        let older = try #require(rest.range(of: "Roads policing update<"))
        #expect(newer.lowerBound < older.lowerBound)
        #expect(scheme.contains("<li><a href=\"#complaints\">Complaints</a></li>"), "gaps are listed")
    }
}
