import Foundation
import Testing

@testable import ReportSite

/// Whole sites in, whole diagnostics out. Each folder of `Fixtures/invalid/`
/// holds one kind of mistake and `expected.txt`, the exact report a user sees.
/// Set `RECORD_FIXTURES=1` to rewrite the expected files after a deliberate change.
@Suite struct FixtureSiteTests {
    static let invalidSites: [String] = {
        let folder = Fixtures.folder.appending(path: "invalid")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path(percentEncoded: false))) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }()

    @Test func thereAreInvalidFixtures() {
        #expect(Self.invalidSites.count >= 10)
    }

    @Test(arguments: invalidSites)
    func invalidSiteReportsExactly(_ name: String) throws {
        let result = SiteBuilder.build(Fixtures.site("invalid/\(name)"))
        #expect(!result.succeeded, "\(name) should fail")
        #expect(result.files.isEmpty, "a failed build produces no files")
        let expectedURL = Fixtures.folder.appending(path: "invalid/\(name)/expected.txt")
        let actual = result.formattedDiagnostics() + "\n"
        if ProcessInfo.processInfo.environment["RECORD_FIXTURES"] == "1" {
            try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(actual == expected)
    }

    @Test func validSiteBuildsEveryPage() throws {
        let result = SiteBuilder.build(Fixtures.site("valid"))
        #expect(result.diagnostics.all.isEmpty, "\(result.formattedDiagnostics())")
        let paths = Set(result.files.map(\.path))
        for document in ["meetings/2024-05-01-roads-assurance/", "reports/2024-03-01-sp24-01/", "responses/2024-04-01-sample-inspection/"] {
            for file in ["index.html", "history/index.html", "document.json"] {
                #expect(paths.contains(document + file), "\(document + file)")
            }
        }
        for path in [
            "index.html", "404.html", "about/index.html", "accessibility/index.html", "meetings/index.html", "reports/index.html",
            "responses/index.html", "recommendations/index.html", "recommendations/status/overdue/index.html", "actions/index.html",
            "publication-scheme/index.html", "topics/index.html", "topics/road-safety/index.html", "organisations/index.html",
            "organisations/sample-opcc/index.html", "open-data/index.html", "search/index.html", "feed.xml", "sitemap.xml",
            "manifest.json", "search-index.json", "data/documents.json", "assets/site.css", "assets/search.js",
        ] {
            #expect(paths.contains(path), "\(path)")
        }
        #expect(!paths.contains { $0.contains("/v1/") }, "no superseded versions without amendments")
        let meeting = try #require(result.file("meetings/2024-05-01-roads-assurance/index.html"))
        #expect(meeting.contains("<a href=\"#question-2\">What is being done?</a>"))
        #expect(meeting.contains("Includes information provided after the meeting"))
        #expect(meeting.contains("Partly assured"))
        #expect(meeting.contains("Publish the speed data"))
        let response = try #require(result.file("responses/2024-04-01-sample-inspection/index.html"))
        #expect(response.contains("<time datetime=\"2024-04-15\">15 April 2024</time>"))
        #expect(response.contains("On time"))
        #expect(response.contains("id=\"recommendation-2\""))
        let report = try #require(result.file("reports/2024-03-01-sp24-01/index.html"))
        #expect(report.contains("id=\"section-2-2\""))
        #expect(report.contains("<del>ten</del>"))
        #expect(report.contains("SP24/01"))
    }

    @Test func draftsAreNotPublished() throws {
        var files = Fixtures.site("valid").contents.mapValues { String(decoding: $0, as: UTF8.self) }
        let path = "Content/reports/2024-03-01-sp24-01.md"
        files["Content/reports/2024-06-01-draft.md"] = files[path]!
            .replacing("originator: Chief Constable", with: "originator: Chief Constable\nstatus: draft")
            .replacing("title: Roads policing update", with: "title: Unfinished paper")
        let result = SiteBuilder.build(MemoryFileSystem(files))
        #expect(result.succeeded, "\(result.formattedDiagnostics())")
        #expect(result.file("reports/2024-06-01-draft/index.html") == nil)
        #expect(!(result.file("reports/index.html") ?? "").contains("Unfinished paper"))
    }

    @Test func linkingToADraftIsAnError() throws {
        var files = Fixtures.site("valid").contents.mapValues { String(decoding: $0, as: UTF8.self) }
        let path = "Content/reports/2024-03-01-sp24-01.md"
        files[path] = files[path]!.replacing("originator: Chief Constable", with: "originator: Chief Constable\nstatus: draft")
        let result = SiteBuilder.build(MemoryFileSystem(files))
        #expect(result.diagnostics.all.map(\.description) == [
            "Content/meetings/2024-05-01-roads-assurance.md:30:29: error: the link to '/reports/2024-03-01-sp24-01/#section-2-2' points at a draft, which is not published"
        ])
    }

    @Test func documentLinksBecomePageURLs() throws {
        let result = SiteBuilder.build(Fixtures.site("valid"), options: BuildOptions(baseURL: "https://host.example/opcc/"))
        let meeting = try #require(result.file("meetings/2024-05-01-roads-assurance/index.html"))
        #expect(meeting.contains("<a href=\"/opcc/reports/2024-03-01-sp24-01/#section-2-2\">the March paper</a>"))
        #expect(meeting.contains("<a href=\"/opcc/responses/2024-04-01-sample-inspection/\">inspection response</a>"))
        #expect(meeting.contains("<a href=\"/opcc/about/\">About page</a>"))
    }

    @Test func brokenTemplateLinksPointAtTheTemplate() throws {
        var files = Fixtures.site("valid").contents.mapValues { String(decoding: $0, as: UTF8.self) }
        files["Templates/not-found.mustache"] = files["Templates/not-found.mustache"]!
            .replacing("<h1", with: "<p><a href=\"/help/\">Help</a></p>\n<h1")
        let result = SiteBuilder.build(MemoryFileSystem(files))
        #expect(result.diagnostics.all.map(\.description) == [
            "Templates/not-found.mustache:3:13: error: a template link on 404.html is broken: the link to '/help/' points at no page or file of the site"
        ])
    }

    /// After a build whose links all resolved, only changed pages are read
    /// for links, unless a page went away or a changed page lost an id.
    @Test func theLinkCheckRereadsOnlyWhatCouldHaveBroken() throws {
        let result = SiteBuilder.build(Fixtures.site("valid"))
        let graph = try #require(result.renderer?.graph)
        func page(_ path: String, _ html: String) -> OutputFile { OutputFile(path: path, data: Data(html.utf8)) }
        let before = [
            page("a/index.html", "<h2 id=\"one\">One</h2><h2 id=\"two\">Two</h2>"),
            page("b/index.html", "<a href=\"/a/#two\">two</a>"),
            page("c/index.html", "<p>c</p>"),
        ]
        let previous = PreviousOutput(files: before.map { var file = $0; file.sha256 = IntegrityLock.sha256(file.data); return file })
        func read(_ files: [OutputFile]) -> [String] {
            LinkChecker(graph: graph, files: files, templateSources: [], previous: previous).pagesToRead(files).map(\.path)
        }
        #expect(read(before).isEmpty, "nothing changed, nothing to read")
        #expect(read([before[0], before[1], page("c/index.html", "<p>c, edited</p>")]) == ["c/index.html"])
        #expect(read(before + [page("d/index.html", "<p>new</p>")]) == ["d/index.html"])
        #expect(read([page("a/index.html", "<h2 id=\"one\">One</h2>"), before[1], before[2]]).count == 3,
            "a lost #two, which an unchanged page may link to")
        #expect(read([before[0], before[1]]).count == 2, "c is gone, which an unchanged page may link to")
    }

    /// An incremental build encodes `document.json` again only for documents
    /// whose data changed; the others are the previous build's files.
    @Test func aDocumentsDataIsEncodedAgainOnlyWhenItChanged() throws {
        var options = BuildOptions()
        options.fingerprintPages = true
        let first = SiteBuilder.build(Fixtures.site("valid"), options: options)
        let isData = { (file: OutputFile) in file.path.hasSuffix("/document.json") }
        #expect(first.files.filter(isData).count == 5, "one per document")
        #expect(first.files.filter(isData).allSatisfy { $0.fingerprint != nil })

        // The previous build's data files carry a marker, to tell reused from re-encoded.
        let marker = Data("previous build".utf8)
        options.previous = PreviousOutput(files: first.files.map { file in
            var file = file
            if isData(file) { file.data = marker }
            file.sha256 = IntegrityLock.sha256(file.data)
            return file
        })
        var contents = Fixtures.site("valid").contents.mapValues { String(decoding: $0, as: UTF8.self) }
        let edited = "Content/reports/2024-03-01-sp24-01.md"
        contents[edited] = contents[edited]!.replacing("title: ", with: "title: Revised ")
        let second = SiteBuilder.build(MemoryFileSystem(contents), options: options)
        let clean = SiteBuilder.build(MemoryFileSystem(contents))
        let encoded = second.files.filter { isData($0) && $0.data != marker }.map { $0.path }
        #expect(encoded == ["reports/2024-03-01-sp24-01/document.json"])
        let cleanData = clean.files.first { $0.path == encoded.first }?.data
        #expect(second.files.first { $0.path == encoded.first }?.data == cleanData)
    }

    @Test func buildsAreDeterministic() {
        let first = SiteBuilder.build(Fixtures.site("valid")).files
        let second = SiteBuilder.build(Fixtures.site("valid")).files
        #expect(first.map(\.path) == second.map(\.path))
        #expect(first.map(\.data) == second.map(\.data))
    }

    @Test func baseURLWithAPathPrefixesEveryLink() throws {
        let result = SiteBuilder.build(Fixtures.site("valid"), options: BuildOptions(baseURL: "https://host.example/opcc"))
        let home = try #require(result.file("index.html"))
        #expect(home.contains("href=\"/opcc/assets/site.css\""))
        #expect(home.contains("href=\"/opcc/reports/2024-03-01-sp24-01/\""))
        #expect(home.contains("<link rel=\"canonical\" href=\"https://host.example/opcc/\">"))
    }
}
