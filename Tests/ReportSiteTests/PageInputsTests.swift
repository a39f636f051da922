import Foundation
import Testing

@testable import ReportSite

/// Reusing pages by their inputs (`PageInputs`): an edit to one body makes
/// only that document's own pages again, and an edit another page shows
/// still reaches every page that shows it.
@Suite struct PageInputsTests {
    static let report = "Content/reports/2024-03-01-sp24-01.md"
    static let meeting = "Content/meetings/2024-05-01-roads-assurance.md"
    static let marker = Data("<!-- previous build -->".utf8)

    /// The valid fixture with `edit` applied to its texts.
    func site(_ edit: (inout [String: String]) -> Void = { _ in }) -> MemoryFileSystem {
        var contents = Fixtures.site("valid").contents.mapValues { String(decoding: $0, as: UTF8.self) }
        edit(&contents)
        return MemoryFileSystem(contents)
    }

    /// `first`'s files as a previous build, each page's bytes ending in a
    /// marker (a page that keeps it was reused, not made; its anchors are
    /// still there for the link check), and with
    /// `staleFingerprints` each page's fingerprint spoilt (so only its inputs
    /// key can let it be reused).
    func previous(_ first: BuildResult, staleFingerprints: Bool) -> PreviousOutput {
        PreviousOutput(files: first.files.map { file in
            var file = file
            guard file.fingerprint != nil else { return file }
            file.data += Self.marker
            file.sha256 = IntegrityLock.sha256(file.data)
            if staleFingerprints { file.fingerprint = "stale" }
            return file
        })
    }

    /// Paths of the pages and data files `result` made rather than reused.
    func made(_ result: BuildResult) -> [String] {
        result.files.filter { $0.fingerprint != nil && $0.data.suffix(Self.marker.count) != Self.marker }.map(\.path).sorted()
    }

    func expectSameAsClean(_ result: BuildResult, _ site: MemoryFileSystem, sourceLocation: SourceLocation = #_sourceLocation) {
        let clean = SiteBuilder.build(site)
        #expect(result.succeeded && clean.succeeded, sourceLocation: sourceLocation)
        let cleanFiles = Dictionary(uniqueKeysWithValues: clean.files.map { ($0.path, $0.data) })
        #expect(result.files.map(\.path) == clean.files.map(\.path), sourceLocation: sourceLocation)
        for path in made(result) {
            #expect(result.files.first { $0.path == path }?.data == cleanFiles[path], "\(path)", sourceLocation: sourceLocation)
        }
    }

    func options(cache: DecodeCache) -> BuildOptions {
        var options = BuildOptions(cache: cache)
        options.fingerprintPages = true
        return options
    }

    @Test func editingProseMakesOnlyThatDocumentsOwnPagesAgain() throws {
        let cache = DecodeCache()
        var options = options(cache: cache)
        let first = SiteBuilder.build(site(), options: options)
        #expect(first.files.filter { $0.fingerprint != nil }.allSatisfy { $0.inputsKey != nil })

        options.previous = previous(first, staleFingerprints: true)
        let edited = site { $0[Self.report]! += "\nA sentence added to the end of the paper.\n" }
        let second = SiteBuilder.build(edited, options: options)
        #expect(made(second) == [
            "reports/2024-03-01-sp24-01/document.json", "reports/2024-03-01-sp24-01/history/index.html",
            "reports/2024-03-01-sp24-01/index.html",
        ])
        #expect(try #require(second.file("reports/2024-03-01-sp24-01/index.html")).contains("A sentence added to the end"))
        expectSameAsClean(second, edited)
    }

    @Test func aChangeOtherPagesShowReachesEveryPageThatShowsIt() throws {
        let cache = DecodeCache()
        var options = options(cache: cache)
        let first = SiteBuilder.build(site(), options: options)

        // Real fingerprints this time: the face changed, so every page falls
        // back to its fingerprint, and those that do not show the title are
        // still reused.
        options.previous = previous(first, staleFingerprints: false)
        let edited = site { $0[Self.report] = $0[Self.report]!.replacing("title: Roads", with: "title: Revised roads") }
        let second = SiteBuilder.build(edited, options: options)
        let made = made(second)
        for path in ["index.html", "reports/index.html", "reports/2024-03-01-sp24-01/index.html", "organisations/sample-police/index.html"] {
            #expect(made.contains(path), "\(path) shows the title")
        }
        #expect(!made.contains("404.html"))
        #expect(!made.contains("pages/about/index.html"))
        #expect(made.contains("data/documents.json"), "the catalogue lists titles")
        expectSameAsClean(second, edited)
    }

    /// A title is shown by the lists and trackers, and on the pages of the
    /// documents whose recommendations or actions it updates: those are made
    /// again, while every other document's own pages keep their keys (they
    /// are not even fingerprinted; here a stale fingerprint would make them).
    @Test func aNewTitleReachesOtherDocumentsOnlyThroughTheirTrackers() throws {
        let paper = "Content/reports/2024-06-10-sp24-02.md"
        let title = "title: Roads policing, summer update"
        let cache = DecodeCache()
        var options = options(cache: cache)
        let first = SiteBuilder.build(site { $0[paper] = AccountabilityTests().laterPaper() }, options: options)
        #expect(first.succeeded, "\(first.formattedDiagnostics())")

        options.previous = previous(first, staleFingerprints: true)
        let edited = site { $0[paper] = AccountabilityTests().laterPaper().replacing(title, with: title + ", revised") }
        let second = SiteBuilder.build(edited, options: options)
        #expect(second.succeeded, "\(second.formattedDiagnostics())")
        let made = made(second)
        for path in [
            "index.html", "reports/index.html", "recommendations/index.html", "actions/index.html",
            "reports/2024-06-10-sp24-02/index.html", "reports/2024-06-10-sp24-02/document.json",
            // Recommendation 1 and action A1 name the paper as their source.
            "responses/2024-04-01-sample-inspection/index.html", "responses/2024-04-01-sample-inspection/document.json",
            "meetings/2024-05-01-roads-assurance/index.html", "meetings/2024-05-01-roads-assurance/document.json",
        ] {
            #expect(made.contains(path), "\(path) shows the title")
        }
        for path in [
            "reports/2024-03-01-sp24-01/index.html", "reports/2024-03-01-sp24-01/history/index.html",
            "reports/2024-03-01-sp24-01/document.json", "about/index.html", "about/document.json",
            // Lists the paper is not in.
            "meetings/index.html", "responses/index.html", "topics/road-safety/index.html", "organisations/sample-opcc/index.html",
        ] {
            #expect(second.files.contains { $0.path == path }, "\(path)")
            #expect(!made.contains(path), "\(path) does not show the title")
        }
        expectSameAsClean(second, edited)

        // A later document moves the date the statuses are as at, which
        // decides what is overdue: the tracked documents' pages are made again.
        options.previous = previous(second, staleFingerprints: true)
        let later = "Content/reports/2025-06-10-sp25-01.md"
        let third = site {
            $0[paper] = AccountabilityTests().laterPaper().replacing(title, with: title + ", revised")
            $0[later] = AccountabilityTests().laterPaper(date: "2025-06-10", updates: "").replacing(title, with: "title: A year on")
        }
        let made3 = self.made(SiteBuilder.build(third, options: options))
        #expect(made3.contains("responses/2024-04-01-sample-inspection/index.html"))
        #expect(made3.contains("meetings/2024-05-01-roads-assurance/index.html"))
        #expect(!made3.contains("reports/2024-03-01-sp24-01/index.html"))
        expectSameAsClean(SiteBuilder.build(third, options: options), third)
    }

    /// A paper that updates nothing: its title reaches the lists it is in,
    /// and not the trackers, the other kinds' lists, or the other
    /// organisations' and topics' pages.
    @Test func aNewTitleReachesTheListsTheDocumentIsIn() throws {
        let cache = DecodeCache()
        var options = options(cache: cache)
        let topic = { (text: String) in text.replacing("summary: An update", with: "topics: [roads policing]\nsummary: An update") }
        let first = SiteBuilder.build(site { $0[Self.report] = topic($0[Self.report]!) }, options: options)
        #expect(first.succeeded, "\(first.formattedDiagnostics())")
        options.previous = previous(first, staleFingerprints: true)
        let edited = site { $0[Self.report] = topic($0[Self.report]!).replacing("title: Roads", with: "title: Revised roads") }
        let second = SiteBuilder.build(edited, options: options)
        let made = made(second)
        for path in [
            "index.html", "reports/index.html", "topics/roads-policing/index.html", "organisations/sample-police/index.html",
            "reports/2024-03-01-sp24-01/index.html",
        ] {
            #expect(made.contains(path), "\(path) lists the paper")
        }
        for path in [
            "meetings/index.html", "responses/index.html", "topics/road-safety/index.html", "organisations/sample-opcc/index.html",
            "recommendations/index.html", "recommendations/status/complete/index.html", "actions/index.html",
            "meetings/2024-05-01-roads-assurance/index.html",
        ] {
            #expect(second.files.contains { $0.path == path }, "\(path)")
            #expect(!made.contains(path), "\(path) does not show the paper")
        }
        expectSameAsClean(second, edited)
    }

    /// The open-data catalogue lists each document's title, URL, date,
    /// organisation, topics, version and status: a summary is not among
    /// them, so a new summary leaves the last catalogue in place.
    @Test func theCatalogueIsMadeAgainOnlyWhenAnEntryChanged() throws {
        let cache = DecodeCache()
        var options = options(cache: cache)
        let first = SiteBuilder.build(site(), options: options)
        options.previous = previous(first, staleFingerprints: false)
        let summary = site { $0[Self.report] = $0[Self.report]!.replacing("summary: An update", with: "summary: A revised update") }
        let second = SiteBuilder.build(summary, options: options)
        #expect(made(second).contains("reports/index.html"), "the list shows summaries")
        #expect(!made(second).contains("data/documents.json"))
        expectSameAsClean(second, summary)

        let topics = site { $0[Self.report] = $0[Self.report]!.replacing("summary: An update", with: "topics: [roads]\nsummary: An update") }
        let third = SiteBuilder.build(topics, options: options)
        #expect(made(third).contains("data/documents.json"))
        expectSameAsClean(third, topics)
    }

    @Test func aFaceIsWhatOtherPagesCanSee() throws {
        func face(_ site: MemoryFileSystem, _ path: String) throws -> String {
            let result = SiteBuilder.build(site, options: BuildOptions(cache: DecodeCache()))
            return try #require(result.documents.first { $0.path == path }).face
        }
        let original = try face(site(), Self.meeting)
        #expect(!original.isEmpty)
        // Prose, even where it moves the answers after it, is the meeting's own.
        let prose = site { $0[Self.meeting] = $0[Self.meeting]!.replacing("Twelve people died in 2023.", with: "Twelve people died on the roads in 2023.") }
        #expect(try face(prose, Self.meeting) == original)
        // The summary, a question and an action are shown elsewhere.
        for (old, new) in [
            ("summary: The commissioner", "summary: Today the commissioner"),
            ("## What is being done?", "## What more is being done?"),
            ("action: Publish the speed data", "action: Publish the speed data monthly"),
        ] {
            let edited = site { $0[Self.meeting] = $0[Self.meeting]!.replacing(old, with: new) }
            #expect(try face(edited, Self.meeting) != original, "\(new)")
        }
    }

    /// A page's key hashes its parts where they lie; it is the digest of the
    /// parts joined by zero bytes, so keys in an existing stamp still match.
    @Test func aKeyIsTheDigestOfItsPartsJoined() {
        for parts in [[], [""], ["", ""], ["site", "reports/x/index.html", "page.html"], ["é ✓", "", "\u{0}", "last"]] {
            #expect(IntegrityLock.sha256(joining: parts) == IntegrityLock.sha256(Data(parts.joined(separator: "\u{0}").utf8)), "\(parts)")
        }
        #expect(IntegrityLock.sha256(joining: ["ab", "c"]) != IntegrityLock.sha256(joining: ["a", "bc"]))
    }
}
