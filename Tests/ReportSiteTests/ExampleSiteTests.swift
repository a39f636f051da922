import Foundation
import Testing

@testable import ReportSite

/// The repository's own example site builds cleanly and its pages carry the
/// facts of the five source documents.
@Suite struct ExampleSiteTests {
    static let result = SiteBuilder.build(Fixtures.exampleSite)

    struct MissingPage: Error, CustomStringConvertible {
        let description: String
    }

    func page(_ path: String) throws -> String {
        guard let page = Self.result.file(path) else {
            throw MissingPage(description: "\(path) was not built:\n\(Self.result.formattedDiagnostics())")
        }
        return page
    }

    @Test func buildsWithoutProblems() {
        // The seed gives no publication date for the inspection report, so the
        // deadline is honestly unknown: that warning, and nothing else.
        #expect(Self.result.diagnostics.all.map(\.description) == [
            "Content/responses/2022-02-15-hmicfrs-national-child-protection-inspection.md:12:13: warning: the inspection report's publication date is not recorded, so the 56-day deadline cannot be shown"
        ], "\(Self.result.formattedDiagnostics())")
        #expect(Self.result.documentCount == 8)
    }

    @Test func everyKindHasAListAndThereIsAHomeAnd404() throws {
        for path in ["index.html", "meetings/index.html", "reports/index.html", "responses/index.html", "404.html",
            "about/index.html", "accessibility/index.html", "assets/site.css"]
        {
            _ = try page(path)
        }
        let reports = try page("reports/index.html")
        // Newest first.
        let order = ["2017-09-01-ap17-47", "2014-12-17-child-protection", "2014-03-25-children-in-need-update"]
            .map { reports.range(of: $0)!.lowerBound }
        #expect(order == order.sorted())
    }

    @Test func panelPaperKeepsItsNumberFiguresAndSections() throws {
        let paper = try page("reports/2017-09-01-ap17-47/index.html")
        #expect(paper.contains("AP17/47"))
        #expect(paper.contains("Accountability and Performance Panel"))
        for figure in ["22,404", "23,266", "655", "913", "47", "39"] {
            #expect(paper.contains(figure), "missing \(figure)")
        }
        #expect(paper.contains("id=\"section-2-8\""))
        #expect(paper.contains("Originator checklist"))
    }

    @Test func inspectionResponseHasElevenRecommendations() throws {
        let response = try page("responses/2022-02-15-hmicfrs-national-child-protection-inspection/index.html")
        for number in 1...11 {
            #expect(response.contains("<h2 class=\"heading-l\" id=\"recommendation-\(number)\">Recommendation \(number)</h2>"))
        }
        #expect(!response.contains("id=\"recommendation-12\""))
        #expect(response.contains("Darryl Preston"))
        #expect(response.contains("Immediately"))
        #expect(response.contains("Within six months"))
        // The seed gives no publication date for the inspection report, so no deadline is claimed.
        #expect(response.contains("Not recorded"))
    }

    @Test func meetingNotesListTheFourAttendeesAndEveryQuestion() throws {
        let meeting = try page("meetings/2016-09-22-child-sexual-exploitation-assurance/index.html")
        for name in ["John Campion", "Anthony Bangham", "Amanda Blakeman", "Jason Wells"] {
            #expect(meeting.contains("<tr><td>\(name)</td>"), "missing attendee \(name)")
        }
        #expect(meeting.contains("Jackie Irvin"))
        #expect(meeting.contains("Conference Room, Shrewsbury Police Station"))
        #expect(meeting.contains("<a href=\"#question-16\">"))
        #expect(meeting.contains("Information provided after the meeting"))
    }

    @Test func boardReportsCarryTheirFigures() throws {
        let update = try page("reports/2014-03-25-children-in-need-update/index.html")
        #expect(update.contains("48.1"))
        #expect(update.contains("29.0"))
        #expect(update.contains("Not protectively marked"))
        let childProtection = try page("reports/2014-12-17-child-protection/index.html")
        #expect(childProtection.contains("Gary Ridgway"))
        #expect(childProtection.contains("id=\"section-3-4\""))
    }

    @Test func everyPageLinksTheAccessibilityStatementAndMakesNoExternalRequest() throws {
        for file in Self.result.files where file.path.hasSuffix(".html") {
            let html = String(decoding: file.data, as: UTF8.self)
            #expect(html.contains("href=\"/accessibility/\""), "\(file.path)")
            #expect(html.contains("<a class=\"skip-link\" href=\"#main-content\">"), "\(file.path)")
            for pattern in ["src=\"http", "src=\"//", "href=\"http://", "<link rel=\"stylesheet\" href=\"http", "@import"] {
                #expect(!html.contains(pattern), "\(file.path) contains \(pattern)")
            }
            // Scripts are only our own, from /assets/.
            #expect(html.components(separatedBy: "<script").count == html.components(separatedBy: "<script src=\"/assets/").count)
        }
    }

    /// Every internal link and #anchor in the built site resolves.
    @Test func internalLinksAndAnchorsResolve() throws {
        var ids: [String: Set<String>] = [:]
        var pages: [String: String] = [:]
        for file in Self.result.files where file.path.hasSuffix(".html") {
            let html = String(decoding: file.data, as: UTF8.self)
            pages[file.path] = html
            ids[file.path] = Set(matches(of: #"id="([^"]+)""#, in: html))
        }
        let paths = Set(Self.result.files.map(\.path))
        var broken: [String] = []
        for (path, html) in pages.sorted(by: { $0.key < $1.key }) {
            for href in matches(of: #"href="([^"]+)""#, in: html) where !href.hasPrefix("http") && !href.hasPrefix("mailto:") {
                let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                var target = path
                if !parts[0].isEmpty {
                    let trimmed = parts[0].hasPrefix("/") ? String(parts[0].dropFirst()) : parts[0]
                    target = trimmed.isEmpty || trimmed.hasSuffix("/") ? trimmed + "index.html" : trimmed
                }
                guard paths.contains(target) else {
                    broken.append("\(path): \(href)")
                    continue
                }
                if parts.count == 2, !(ids[target]?.contains(parts[1]) ?? false) {
                    broken.append("\(path): \(href) (no such anchor)")
                }
            }
        }
        #expect(broken.isEmpty, "\(broken.joined(separator: "\n"))")
    }

    func matches(of pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range(at: 1), in: text)!])
        }
    }
}
