import Foundation
import Testing

@testable import ReportSite

/// The quick build (`QuickBuild`): after an edit no other page can see, the
/// `build` command draws only the edited documents' pages, and what it
/// leaves in the output folder is byte for byte what a clean build writes.
/// Whatever it cannot be sure of goes to the full build, with the same result.
@Suite(.serialized) struct QuickBuildTests {
    /// A site in a temporary folder, built into `Output/`, beside a clean
    /// build of the same content into `Clean/`.
    struct Site {
        let root: URL
        var path: String { root.path(percentEncoded: false) }

        init(_ files: MemoryFileSystem) throws {
            root = try Command.copy(files)
        }

        func edit(_ file: String, _ change: (String) -> String) throws {
            let url = root.appending(path: file)
            let before = Command.read(url) ?? ""
            let after = change(before)
            #expect(after != before, "the edit of \(file) changes it")
            try Data(after.utf8).write(to: url)
        }

        func build(_ extra: [String] = []) throws -> Command.Run {
            try Command.run(["build", "--root", path] + extra)
        }

        /// Builds `Output/` as a user would, then `Clean/` from scratch,
        /// and holds every file of the two to the same bytes.
        @discardableResult func buildAndCompare(_ step: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Command.Run {
            let built = try build()
            #expect(built.status == 0, "\(step): \(built.stderr)", sourceLocation: sourceLocation)
            let clean = root.appending(path: "Clean")
            try? FileManager.default.removeItem(at: clean)
            let full = try Command.run(["build", "--force", "--quiet", "--root", path, "--output", clean.path(percentEncoded: false)])
            #expect(full.status == 0, "\(step): \(full.stderr)", sourceLocation: sourceLocation)
            let (output, expected) = (try Command.tree(root.appending(path: "Output")), try Command.tree(clean))
            #expect(output.keys.sorted() == expected.keys.sorted(), "\(step): the same files", sourceLocation: sourceLocation)
            for (file, data) in output where expected[file] != data {
                Issue.record("\(step): \(file) differs from a clean build", sourceLocation: sourceLocation)
            }
            return built
        }

        func remove() {
            try? FileManager.default.removeItem(at: root)
        }
    }

    /// The valid fixture, with a later paper that updates the response's
    /// recommendations and the meeting's action (so their pages show what
    /// other documents said) and a page that links to a heading of `about`.
    static func updatedSite() -> MemoryFileSystem {
        var site = Fixtures.site("valid").contents
        site["Content/reports/2024-06-01-sp24-02.md"] = Data("""
            ---
            title: Roads policing follow-up
            date: 2024-06-01
            organisation: sample-police
            summary: What has happened since the inspection and the meeting.
            board: Sample Accountability Panel
            originator: Chief Constable
            updates:
              - {recommendation: responses/2024-04-01-sample-inspection.md#1, status: in-progress, note: The data team has started.}
              - {action: meetings/2024-05-01-roads-assurance.md#A1, status: complete}
            ---

            ## 1. Progress

            1.1 See [the contact details](pages/about.md#contact) for questions.

            """.utf8)
        site["Content/pages/about.md"] = Data("""
            ---
            title: About this site
            ---

            This is a fixture.

            ## Contact

            Write to the office.

            """.utf8)
        return MemoryFileSystem(data: site)
    }

    static let bodyEdits: [(file: String, from: String, to: String)] = [
        ("Content/responses/2024-04-01-sample-inspection.md", "The force has a new data team.", "The force has a new data team of four."),
        ("Content/meetings/2024-05-01-roads-assurance.md", "Opening remarks were made.", "Opening remarks were made by the chair."),
        ("Content/reports/2024-03-01-sp24-01.md", "1.1 To update the panel.", "1.1 To update the panel on roads."),
        ("Content/reports/2024-06-01-sp24-02.md", "for questions.", "for any questions."),
        ("Content/pages/about.md", "Write to the office.", "Write to the office or call it."),
    ]

    @Test func aBodyEditIsBuiltQuicklyAndAsACleanBuildWouldBe() throws {
        let site = try Site(Self.updatedSite())
        defer { site.remove() }
        try site.buildAndCompare("first build")
        for (file, from, to) in Self.bodyEdits {
            try site.edit(file) { $0.replacing(from, with: to) }
            let built = try site.buildAndCompare("edit \(file)")
            #expect(built.stderr.contains("(quick: only the text of \(file) changed;"), "\(built.stderr)")
            #expect(built.stderr.contains(" rendered, "), "\(built.stderr)")
            // Its stamp holds every file as it now is: nothing to do next time.
            let again = try site.build()
            #expect(again.stderr.contains("Up to date"), "\(file): \(again.stderr)")
        }
        // The status updates still show on the pages drawn the quick way.
        let response = Command.read(site.root.appending(path: "Output/responses/2024-04-01-sample-inspection/index.html")) ?? ""
        #expect(response.contains("The data team has started."))
        #expect(response.contains("of four"))
    }

    @Test func severalDocumentsEditedAtOnceAreBuiltQuickly() throws {
        let site = try Site(Self.updatedSite())
        defer { site.remove() }
        try site.buildAndCompare("first build")
        for (file, from, to) in Self.bodyEdits.prefix(3) {
            try site.edit(file) { $0.replacing(from, with: to) }
        }
        let built = try site.buildAndCompare("three edits")
        #expect(built.stderr.contains("(quick: only the text of 3 documents changed;"), "\(built.stderr)")
    }

    /// Edits that other pages can see, or that need the whole site to
    /// check, are built in full, and come out the same.
    @Test func editsOtherPagesCanSeeAreBuiltInFull() throws {
        let site = try Site(Self.updatedSite())
        defer { site.remove() }
        try site.buildAndCompare("first build")
        let steps: [(String, String, (String) -> String)] = [
            ("a title", "Content/reports/2024-03-01-sp24-01.md", { $0.replacing("title: Roads", with: "title: Revised roads") }),
            ("a summary", "Content/meetings/2024-05-01-roads-assurance.md", { $0.replacing("summary: ", with: "summary: Revised: ") }),
            ("site.yml beside a body", "Content/site.yml", { $0.replacing("title: ", with: "title: The ") }),
            ("a chart", "Content/reports/2024-03-01-sp24-01.md", { $0 + "\n```chart sample-metric\n```\n" }),
        ]
        for (what, file, change) in steps {
            try site.edit(file, change)
            let built = try site.build()
            #expect(!built.stderr.contains("(quick:"), "\(what): \(built.stderr)")
            if built.status == 0 { try site.buildAndCompare("\(what), built again") }
        }
    }

    /// A heading another document links to, renamed in a body: the quick
    /// build sees the page lose an id and leaves it to the full build,
    /// which reports the link where it is written; nothing is published.
    @Test func aLinkBrokenByABodyEditIsReportedAndNothingIsWritten() throws {
        let site = try Site(Self.updatedSite())
        defer { site.remove() }
        try site.buildAndCompare("first build")
        let before = try Command.tree(site.root.appending(path: "Output"))
        try site.edit("Content/pages/about.md") { $0.replacing("## Contact", with: "## Write to us") }
        let built = try site.build()
        #expect(built.status == 1, "\(built.stderr)")
        #expect(built.stderr.contains("Content/reports/2024-06-01-sp24-02.md:15:"), "\(built.stderr)")
        #expect(built.stderr.contains("points at no '#contact'"), "\(built.stderr)")
        #expect(try Command.tree(site.root.appending(path: "Output")) == before)

        // A broken link written in the edited body itself: the same.
        try site.edit("Content/pages/about.md") { $0.replacing("## Write to us", with: "## Contact") + "\nSee [the list](/nowhere/).\n" }
        let broken = try site.build()
        #expect(broken.status == 1, "\(broken.stderr)")
        #expect(broken.stderr.contains("Content/pages/about.md:"), "\(broken.stderr)")
        #expect(try Command.tree(site.root.appending(path: "Output")) == before)
    }

    /// The example site has warnings: a quick build repeats them as the
    /// last build printed them, and with --strict fails as a full build does.
    @Test func theExampleSiteRepeatsItsWarningsAndFailsWithStrict() throws {
        var files: [String: Data] = [:]
        for folder in ["Content", "Templates"] {
            for (path, data) in Fixtures.files(in: Fixtures.packageRoot.appending(path: folder)) { files[folder + "/" + path] = data }
        }
        let site = try Site(MemoryFileSystem(data: files))
        defer { site.remove() }
        let first = try site.buildAndCompare("first build")
        let warnings = first.stderr.split(separator: "\n").filter { !$0.hasPrefix("Building ") && !$0.hasPrefix("Built ") }
        #expect(!warnings.isEmpty, "the example site has warnings to repeat")

        try site.edit("Content/meetings/2016-09-22-child-sexual-exploitation-assurance.md") {
            $0.replacing("He made no particular request", with: "He made no specific request")
        }
        let strict = try site.build(["--strict"])
        #expect(strict.status == 1, "\(strict.stderr)")
        #expect(!strict.stderr.contains("(quick:"))
        let built = try site.buildAndCompare("a meeting's answer")
        #expect(built.stderr.contains("(quick:"), "\(built.stderr)")
        #expect(built.stderr.split(separator: "\n").filter { !$0.hasPrefix("Building ") && !$0.hasPrefix("Built ") } == warnings)

        // A document with versions or a chart needs the whole site.
        for (file, from, to) in [
            ("Content/reports/2026-01-20-custody-suite-refurbishment-update.md", "\n\n", "\n\nA new first paragraph.\n\n"),
            ("Content/reports/2017-09-01-ap17-47.md", "\n\n", "\n\nA new first paragraph.\n\n"),
        ] {
            try site.edit(file) { text in
                let end = text.range(of: "\n---\n", range: text.index(after: text.startIndex)..<text.endIndex)!.upperBound
                return String(text[..<end]) + String(text[end...]).replacing(from, with: to, maxReplacements: 1)
            }
            let full = try site.buildAndCompare("edit \(file)")
            #expect(!full.stderr.contains("(quick:"), "\(full.stderr)")
        }
    }

    /// Each output folder keeps its own search-index layout: a build into a
    /// staging folder between two edits does not cost `Output/` its quick build.
    @Test func anotherOutputFolderDoesNotCostTheQuickBuild() throws {
        let site = try Site(Self.updatedSite())
        defer { site.remove() }
        try site.buildAndCompare("first build")
        let staging = site.root.appending(path: "Staging").path(percentEncoded: false)
        let other = ["--output", staging, "--base-url", "https://staging.example/opcc/"]
        for (step, (file, from, to)) in Self.bodyEdits.prefix(2).enumerated() {
            try site.edit(file) { $0.replacing(from, with: to) }
            #expect(try site.build(other).status == 0)
            let built = try site.buildAndCompare("edit \(step + 1), after a build into another folder")
            #expect(built.stderr.contains("(quick:"), "\(built.stderr)")
        }
    }

    /// Warnings are printed with paths from where the command runs: from
    /// another folder, the last build's report does not fit, so the build
    /// is a full one and prints them as they are from there.
    @Test func warningsArePrintedFromWhereTheCommandRuns() throws {
        var files = Self.updatedSite().contents
        files["Content/responses/2024-04-01-sample-inspection.md"] = files["Content/responses/2024-04-01-sample-inspection.md"]
            .map { Data(String(decoding: $0, as: UTF8.self).replacing("report_published: 2024-02-20\n", with: "").utf8) }
        let site = try Site(MemoryFileSystem(data: files))
        defer { site.remove() }
        let warning = "Content/responses/2024-04-01-sample-inspection.md:"
        let parent = site.root.deletingLastPathComponent()
        let fromParent = try Command.run(["build", "--root", site.root.lastPathComponent], in: parent)
        #expect(fromParent.stderr.contains(site.root.lastPathComponent + "/" + warning), "\(fromParent.stderr)")
        try site.edit(Self.bodyEdits[2].file) { $0.replacing(Self.bodyEdits[2].from, with: Self.bodyEdits[2].to) }
        let inside = try Command.run(["build"], in: site.root)
        #expect(inside.status == 0, "\(inside.stderr)")
        #expect(inside.stderr.contains("\n" + warning), "\(inside.stderr)")
        #expect(!inside.stderr.contains("(quick:"), "\(inside.stderr)")
        // From the same folder again, the quick build repeats it as it was.
        try site.edit(Self.bodyEdits[2].file) { $0.replacing(Self.bodyEdits[2].to, with: Self.bodyEdits[2].from) }
        let again = try Command.run(["build"], in: site.root)
        #expect(again.stderr.contains("(quick:"), "\(again.stderr)")
        #expect(again.stderr.contains("\n" + warning), "\(again.stderr)")
    }

    /// A published file altered or removed by hand is written again, by a
    /// quick build too.
    @Test func anOutputFileAlteredByHandIsWrittenAgain() throws {
        let site = try Site(Self.updatedSite())
        defer { site.remove() }
        try site.buildAndCompare("first build")
        let page = site.root.appending(path: "Output/reports/index.html")
        let text = try #require(Command.read(page))
        try Data(text.replacing("Roads", with: "Roadz").utf8).write(to: page)
        try FileManager.default.removeItem(at: site.root.appending(path: "Output/meetings/index.html"))
        try site.edit(Self.bodyEdits[2].file) { $0.replacing(Self.bodyEdits[2].from, with: Self.bodyEdits[2].to) }
        try site.buildAndCompare("an edit after the output was altered")
    }
}
