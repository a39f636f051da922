import Foundation
import Testing

@testable import ReportSite

/// Major changes, superseded versions at permanent URLs, and the integrity lock,
/// exercised on a real folder the way an author would.
@Suite struct VersioningTests {
    let report = "Content/reports/2024-03-01-sp24-01.md"

    /// A copy of the valid fixture site in a new temporary folder (not a git repository).
    func makeSite() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appending(path: "reportsite-versions-\(UUID().uuidString)")
        for (path, data) in Fixtures.site("valid").contents {
            let url = root.appending(path: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        #expect(!FileManager.default.fileExists(atPath: root.appending(path: ".git").path(percentEncoded: false)))
        return root
    }

    func build(_ root: URL) -> BuildResult {
        SiteBuilder.build(DiskFileSystem(root: root))
    }

    func text(_ root: URL, _ path: String) throws -> String {
        String(decoding: try Data(contentsOf: root.appending(path: path)), as: UTF8.self)
    }

    func write(_ root: URL, _ path: String, _ text: String) throws {
        let url = root.appending(path: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func amend(_ root: URL, _ note: String, _ date: String) throws -> Amendment.Outcome {
        try Amendment.amend(root: root, documentPath: report, note: note, date: Day(iso: date)!)
    }

    @Test func amendingTwiceKeepsEveryVersionReadable() throws {
        let root = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let original = try text(root, report)

        let first = try amend(root, "Corrected the collision figure.", "2024-04-02")
        #expect(first.frozenPath == "Content/reports/2024-03-01-sp24-01.versions/v1.md")
        #expect(first.newVersion == 2)
        #expect(try text(root, first.frozenPath) == original)
        try write(root, report, try text(root, report).replacing("nine per cent", with: "eight per cent"))
        let second = try amend(root, "Added the summer figures.", "2024-05-10")
        #expect(second.newVersion == 3)

        let current = try text(root, report)
        #expect(current.contains("""
            changes:
              - date: 2024-04-02
                note: "Corrected the collision figure."
              - date: 2024-05-10
                note: "Added the summer figures."
            ---
            """))
        let lock = try text(root, "Content/versions.lock")
        #expect(lock.contains("file: \"reports/2024-03-01-sp24-01.versions/v2.md\""))

        let result = build(root)
        #expect(result.succeeded, "\(result.formattedDiagnostics())")
        let page = try #require(result.file("reports/2024-03-01-sp24-01/index.html"))
        #expect(page.contains("Version 3"))
        #expect(page.contains("Last updated <time datetime=\"2024-05-10\">10 May 2024</time>"))
        #expect(page.contains("Published <time datetime=\"2024-03-01\">1 March 2024</time>"))
        let v1 = try #require(result.file("reports/2024-03-01-sp24-01/v1/index.html"))
        #expect(v1.contains("This is version 1, which has been superseded"))
        #expect(v1.contains("Corrected the collision figure."))
        #expect(v1.contains("<a href=\"/reports/2024-03-01-sp24-01/\">Read the current version (version 3)</a>"))
        #expect(v1.contains("nine per cent"))
        let history = try #require(result.file("reports/2024-03-01-sp24-01/history/index.html"))
        #expect(history.contains("Added the summer figures."))
        #expect(history.contains("<del><span class=\"visually-hidden\">[removed: </span>nine<span class=\"visually-hidden\">]</span></del>"))
        #expect(history.contains("<ins><span class=\"visually-hidden\">[added: </span>eight<span class=\"visually-hidden\">]</span></ins>"))
        let feed = try #require(result.file("feed.xml"))
        #expect(feed.contains("<title>Roads policing update (updated)</title>"))
        #expect(feed.contains("<summary>Added the summer figures.</summary>"))
        #expect(feed.contains("<summary>Corrected the collision figure.</summary>"))
    }

    @Test func editingAFrozenVersionFailsTheCheck() throws {
        let root = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let frozen = try amend(root, "Corrected a figure.", "2024-04-02").frozenPath
        try write(root, frozen, try text(root, frozen).replacing("nine per cent", with: "seven per cent"))
        let result = build(root)
        #expect(result.diagnostics.all.map(\.description) == [
            "\(frozen):1:1: error: this published version was edited after it was frozen"
        ])
        #expect(result.diagnostics.all.first?.note?.contains("reportsite amend") == true)
    }

    @Test func aLockHandEditedToMatchIsCaught() throws {
        let root = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let frozen = try amend(root, "Corrected a figure.", "2024-04-02").frozenPath
        let edited = try text(root, frozen).replacing("nine per cent", with: "seven per cent")
        try write(root, frozen, edited)
        let lock = try text(root, "Content/versions.lock")
        let oldHash = try #require(lock.split(separator: "\n").first { $0.contains("sha256:") }).split(separator: " ").last!
        try write(root, "Content/versions.lock", lock.replacing(String(oldHash), with: IntegrityLock.sha256(Data(edited.utf8))))
        let result = build(root)
        #expect(result.diagnostics.all.map(\.description) == [
            "Content/versions.lock:5:5: error: the lock entry for reports/2024-03-01-sp24-01.versions/v1.md was changed by hand: its seal does not match"
        ])
    }

    @Test func deletingAFrozenVersionFailsTheCheck() throws {
        let root = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let frozen = try amend(root, "Corrected a figure.", "2024-04-02").frozenPath
        try FileManager.default.removeItem(at: root.appending(path: frozen))
        let result = build(root)
        #expect(result.diagnostics.all.map(\.description).contains(
            "Content/versions.lock:5:5: error: the published version reports/2024-03-01-sp24-01.versions/v1.md is missing"))
        #expect(!result.succeeded)
    }

    @Test func versionsAddedOrNotedByHandAreCaught() throws {
        let root = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        try write(root, "Content/reports/2024-03-01-sp24-01.versions/v1.md", try text(root, report))
        let meeting = "Content/meetings/2024-05-01-roads-assurance.md"
        try write(root, meeting, try text(root, meeting).replacing(
            "verdict: partly-assured", with: "verdict: partly-assured\nchanges:\n  - {date: 2024-06-01, note: Tidied up.}"))
        let result = build(root)
        #expect(result.diagnostics.sorted.map(\.description) == [
            "Content/meetings/2024-05-01-roads-assurance.md:16:3: error: 1 change note but no frozen versions",
            "Content/reports/2024-03-01-sp24-01.md:1:1: error: 0 change notes but 1 frozen version",
            "Content/reports/2024-03-01-sp24-01.versions/v1.md:1:1: error: this version file is not recorded in versions.lock",
        ])
    }

    @Test func renamedDocumentsKeepTheirOldAddressWorking() throws {
        let root = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try amend(root, "Corrected a figure.", "2024-04-02")
        let renamed = "Content/reports/2024-03-01-roads-policing.md"
        try write(root, renamed, try text(root, report).replacing(
            "paper_number: SP24/01", with: "paper_number: SP24/01\nmoved_from: [reports/2024-03-01-sp24-01.md]"))
        try FileManager.default.removeItem(at: root.appending(path: report))
        try FileManager.default.moveItem(
            at: root.appending(path: "Content/reports/2024-03-01-sp24-01.versions"),
            to: root.appending(path: "Content/reports/2024-03-01-roads-policing.versions"))
        let meeting = "Content/meetings/2024-05-01-roads-assurance.md"
        try write(root, meeting, try text(root, meeting).replacing("2024-03-01-sp24-01.md", with: "2024-03-01-roads-policing.md"))

        let result = build(root)
        #expect(result.succeeded, "\(result.formattedDiagnostics())")
        let redirect = try #require(result.file("reports/2024-03-01-sp24-01/index.html"))
        #expect(redirect.contains("<meta http-equiv=\"refresh\" content=\"0; url=/reports/2024-03-01-roads-policing/\">"))
        #expect(redirect.contains("<a href=\"/reports/2024-03-01-roads-policing/\">https://fixture.example.org/reports/2024-03-01-roads-policing/</a>"))
        #expect(result.file("_redirects") == "/reports/2024-03-01-sp24-01/ /reports/2024-03-01-roads-policing/ 301\n")
        #expect(result.file("redirects.nginx.conf")?.contains(
            "location = /reports/2024-03-01-sp24-01/ { return 301 /reports/2024-03-01-roads-policing/; }") == true)
        #expect(result.file("reports/2024-03-01-roads-policing/v1/index.html") != nil)
    }

    @Test func withdrawnDocumentsStayAtTheirAddressButLeaveTheLists() throws {
        let root = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        try write(root, report, try text(root, report).replacing(
            "paper_number: SP24/01", with: "paper_number: SP24/01\nstatus: withdrawn\nwithdrawn_reason: Replaced by the annual report."))
        let result = build(root)
        #expect(result.succeeded, "\(result.formattedDiagnostics())")
        let page = try #require(result.file("reports/2024-03-01-sp24-01/index.html"))
        #expect(page.contains("This document has been withdrawn"))
        #expect(page.contains("Replaced by the annual report."))
        #expect(!(result.file("reports/index.html") ?? "").contains("Roads policing update"))
        #expect(!(result.file("index.html") ?? "").contains("Roads policing update"))
        #expect(result.file("reports/2024-03-01-sp24-01/history/index.html") != nil)
    }

    @Test func amendRefusesABrokenSiteAndChangesNothing() throws {
        let root = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let meeting = "Content/meetings/2024-05-01-roads-assurance.md"
        try write(root, meeting, try text(root, meeting).replacing("venue:", with: "venu:"))
        let before = try text(root, report)
        #expect(throws: Amendment.Failure.self) { try amend(root, "A note.", "2024-04-02") }
        #expect(try text(root, report) == before)
        #expect(!FileManager.default.fileExists(atPath: root.appending(path: "Content/versions.lock").path(percentEncoded: false)))
    }

    @Test func changeNotesAreAddedWithoutDisturbingTheRest() throws {
        let day = try #require(Day(iso: "2024-04-02"))
        #expect(try Amendment.addingChangeNote(to: "---\ntitle: A\n---\nBody", date: day, note: "Fixed: \"x\"") ==
            "---\ntitle: A\nchanges:\n  - date: 2024-04-02\n    note: \"Fixed: \\\"x\\\"\"\n---\nBody")
        #expect(try Amendment.addingChangeNote(to: "---\nchanges: []\ntitle: A\n---\n", date: day, note: "N") ==
            "---\nchanges:\n  - date: 2024-04-02\n    note: \"N\"\ntitle: A\n---\n")
        #expect(try Amendment.addingChangeNote(
            to: "---\nchanges:\n- date: 2024-01-01\n  note: Old\ntitle: A\n---\n", date: day, note: "N") ==
            "---\nchanges:\n- date: 2024-01-01\n  note: Old\n- date: 2024-04-02\n  note: \"N\"\ntitle: A\n---\n")
        #expect(throws: Amendment.Failure.self) {
            try Amendment.addingChangeNote(to: "---\nchanges: [{date: 2024-01-01, note: x}]\n---\n", date: day, note: "N")
        }
    }

    @Test func newDocumentsAreDraftsThatCheckCleanly() throws {
        let site = Fixtures.site("valid")
        for kind in DocumentKind.allCases {
            let day = try #require(Day(iso: "2026-11-21"))
            let name = DocumentStub.fileName(title: "Roads: an update (draft)", date: day)
            #expect(name == "2026-11-21-roads-an-update-draft.md")
            var files = site.contents
            files["Content/\(kind.folder)/\(name)"] = Data(
                DocumentStub.text(kind: kind, title: "Roads: an update", date: day, organisations: ["sample-opcc"]).utf8)
            let result = SiteBuilder.build(MemoryFileSystem(data: files))
            // A new response has no report date yet: the one honest warning.
            let expected = kind == .response
                ? ["the inspection report's publication date is not recorded, so the 56-day deadline cannot be shown"] : []
            #expect(result.diagnostics.all.map(\.message) == expected, "\(kind): \(result.formattedDiagnostics())")
            if kind.isListed {
                #expect(result.file("\(kind.folder)/\(name.dropLast(3))/index.html") == nil, "a new \(kind) is a draft")
            }
        }
    }
}
