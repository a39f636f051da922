import Foundation
import Testing

@testable import ReportSite

/// The `reportsite` command, run as a user runs it.
@Suite(.serialized) struct CommandLineTests {
    typealias Run = Command.Run

    func run(_ arguments: [String]) throws -> Run { try Command.run(arguments) }
    func makeSite() throws -> URL { try Command.copy(Fixtures.site("valid")) }
    func read(_ url: URL) -> String? { Command.read(url) }
    func tree(_ folder: URL) throws -> [String: Data] { try Command.tree(folder) }

    @Test func buildWritesTheSiteAndSummarises() throws {
        let root = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try run(["build", "--root", root.path(percentEncoded: false)])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("Built 5 documents, 29 pages"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(read(root.appending(path: "Output/reports/2024-03-01-sp24-01/index.html"))?.contains("SP24/01") == true)
        #expect(read(root.appending(path: "Output/assets/site.css")) != nil)
    }

    @Test func quietPrintsNothingOnSuccess() throws {
        let root = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appending(path: "public")
        let result = try run(["build", "--quiet", "--root", root.path(percentEncoded: false), "--output", output.path(percentEncoded: false)])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(read(output.appending(path: "index.html")) != nil)
    }

    @Test func failedBuildLeavesThePreviousOutputUntouched() throws {
        let root = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try run(["build", "-q", "--root", root.path(percentEncoded: false)]).status == 0)
        let output = root.appending(path: "Output")
        try Data("keep".utf8).write(to: output.appending(path: ".gitkeep"))
        let before = try DiskFileSystem(root: output).files(under: "")
        let home = read(output.appending(path: "index.html"))

        let meeting = root.appending(path: "Content/meetings/2024-05-01-roads-assurance.md")
        let text = try #require(read(meeting))
        try Data(text.replacing("venue: Room 1, Sample HQ", with: "venu: Room 1").utf8).write(to: meeting)
        let result = try run(["build", "--root", root.path(percentEncoded: false)])

        #expect(result.status == 1)
        #expect(result.stderr.contains("Content/meetings/2024-05-01-roads-assurance.md:9:1: error: unknown key 'venu' in the front matter"))
        // The command keeps no document texts; the line is read again to be shown.
        #expect(result.stderr.contains("\n    venu: Room 1\n    ^"), "\(result.stderr)")
        #expect(result.stderr.contains("missing required key 'venue'"))
        #expect(result.stderr.contains("Output/ was not changed"))
        #expect(try DiskFileSystem(root: output).files(under: "") == before)
        #expect(read(output.appending(path: "index.html")) == home)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path(percentEncoded: false))
            .filter { $0.contains("staging") || $0.contains(".old-") }
        #expect(leftovers.isEmpty)
    }

    /// A body left in its decode-cache entry that no longer matches its
    /// digest (another process rewrote the entry, or the disk damaged it)
    /// stops the build before anything is published; the entry and the
    /// abandoned staging folder are gone, so the next build succeeds.
    @Test func aDamagedBodyInTheCacheStopsTheBuildOnceAndIsDecodedAgain() throws {
        let root = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let rootPath = root.path(percentEncoded: false)
        let fm = FileManager.default
        #expect(try run(["build", "--quiet", "--root", rootPath]).status == 0)
        let output = root.appending(path: "Output")
        let before = try tree(output)

        // Damage one body in place: same size, same key, one letter changed.
        let cache = root.appending(path: BuildStamp.folder).appending(path: "documents")
        let entries = try fm.subpathsOfDirectory(atPath: cache.path(percentEncoded: false)).filter { $0.hasSuffix(".bin") }
        let damaged = try #require(try entries.map { cache.appending(path: $0) }.first { try Data(contentsOf: $0).range(of: Data("<p>".utf8)) != nil })
        var bytes = try Data(contentsOf: damaged)
        let paragraph = try #require(bytes.range(of: Data("<p>".utf8)))
        bytes[paragraph.upperBound] = bytes[paragraph.upperBound] == UInt8(ascii: "X") ? UInt8(ascii: "Y") : UInt8(ascii: "X")
        try bytes.write(to: damaged)
        // A template change renders every page, so every body is read.
        let layout = root.appending(path: "Templates/layout.mustache")
        try Data(try #require(read(layout)).replacing("</footer>", with: "<p>Footer note.</p></footer>").utf8).write(to: layout)

        let stopped = try run(["build", "--root", rootPath])
        #expect(stopped.status == 2)
        #expect(stopped.stderr.contains("changed during the build or is damaged"), "\(stopped.stderr)")
        #expect(try tree(output) == before, "nothing is published")
        #expect(!fm.fileExists(atPath: damaged.path(percentEncoded: false)))

        let again = try run(["build", "--root", rootPath])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try tree(output) != before)
        let leftovers = try fm.contentsOfDirectory(atPath: rootPath).filter { $0.contains("staging") }
        #expect(leftovers.isEmpty, "the stopped build's staging folder is removed by the next one")
    }

    @Test func rebuildKeepsDotfilesAndDropsStalePages() throws {
        let root = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let extra = root.appending(path: "Content/pages/old-page.md")
        try Data("---\ntitle: Old page\n---\nSoon gone.\n".utf8).write(to: extra)
        #expect(try run(["build", "-q", "--root", root.path(percentEncoded: false)]).status == 0)
        let output = root.appending(path: "Output")
        #expect(FileManager.default.fileExists(atPath: output.appending(path: "old-page/index.html").path(percentEncoded: false)))
        try Data().write(to: output.appending(path: ".gitkeep"))
        try FileManager.default.removeItem(at: extra)
        #expect(try run(["build", "-q", "--root", root.path(percentEncoded: false)]).status == 0)
        #expect(FileManager.default.fileExists(atPath: output.appending(path: ".gitkeep").path(percentEncoded: false)))
        #expect(!FileManager.default.fileExists(atPath: output.appending(path: "old-page").path(percentEncoded: false)))
    }

    @Test func buildRefusesToReplaceAFolderItDidNotWrite() throws {
        let root = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let rootPath = root.path(percentEncoded: false)
        let intoRoot = try run(["build", "--root", rootPath, "--output", rootPath])
        #expect(intoRoot.status == 2)
        #expect(intoRoot.stderr.contains("holds the site's own files"))
        #expect(FileManager.default.fileExists(atPath: root.appending(path: "Content/site.yml").path(percentEncoded: false)))
        let parent = root.deletingLastPathComponent().path(percentEncoded: false)
        #expect(try run(["build", "--root", rootPath, "--output", parent]).status == 2)
        let notes = root.appending(path: "notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        try Data("precious".utf8).write(to: notes.appending(path: "todo.txt"))
        let foreign = try run(["build", "--root", rootPath, "--output", notes.path(percentEncoded: false)])
        #expect(foreign.status == 2)
        #expect(foreign.stderr.contains("was not written by reportsite"))
        #expect(FileManager.default.fileExists(atPath: notes.appending(path: "todo.txt").path(percentEncoded: false)))
        // A folder a previous build wrote is replaced as usual.
        #expect(try run(["build", "-q", "--root", rootPath]).status == 0)
        #expect(try run(["build", "-q", "--root", rootPath]).status == 0)
    }

    @Test func anUnchangedSiteIsNotBuiltAgain() throws {
        let root = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let rootPath = root.path(percentEncoded: false)
        #expect(try run(["build", "--root", rootPath]).stderr.contains("Built 5 documents"))
        let again = try run(["build", "--root", rootPath])
        #expect(again.status == 0)
        #expect(again.stderr.contains("Up to date: nothing in Content/ or Templates/ changed"), "\(again.stderr)")

        // A fresh checkout: every file has a new time, but the same bytes.
        let later = Date().addingTimeInterval(60)
        for path in try DiskFileSystem(root: root).files(under: "Content") + DiskFileSystem(root: root).files(under: "Templates") {
            try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: root.appending(path: path).path(percentEncoded: false))
        }
        let touched = try run(["build", "--root", rootPath])
        #expect(touched.stderr.contains("Up to date"), "compared by content when the times differ: \(touched.stderr)")

        // An output file with another time than the build gave it (touched,
        // or copied over by hand) is written again, as make would do.
        let aboutPage = root.appending(path: "Output/about/index.html").path(percentEncoded: false)
        try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: aboutPage)
        let rewritten = try run(["build", "--root", rootPath])
        #expect(rewritten.stderr.contains("Built 5 documents"), "\(rewritten.stderr)")
        #expect(try FileManager.default.attributesOfItem(atPath: aboutPage)[.modificationDate] as? Date != later)
        #expect(try run(["build", "--root", rootPath]).stderr.contains("Up to date"))

        // Any change to an input, a missing output file, other options, or --force build again.
        let page = root.appending(path: "Content/pages/about.md")
        try Data((read(page) ?? "").replacing("This is a fixture.", with: "This is a changed fixture.").utf8).write(to: page)
        #expect(try run(["build", "--root", rootPath]).stderr.contains("Built 5 documents"))
        #expect(read(root.appending(path: "Output/about/index.html"))?.contains("changed fixture") == true)
        try FileManager.default.removeItem(at: root.appending(path: "Output/about/index.html"))
        #expect(try run(["build", "--root", rootPath]).stderr.contains("Built 5 documents"))
        #expect(read(root.appending(path: "Output/about/index.html")) != nil)
        #expect(try run(["build", "--root", rootPath, "--base-url", "https://other.example/"]).stderr.contains("Built 5 documents"))
        #expect(try run(["build", "--root", rootPath, "--base-url", "https://other.example/"]).stderr.contains("Up to date"))
        #expect(try run(["build", "--force", "--root", rootPath, "--base-url", "https://other.example/"]).stderr.contains("Built 5 documents"))
        #expect(!FileManager.default.fileExists(atPath: root.appending(path: "Output/.reportsite-cache").path(percentEncoded: false)),
            "the stamp is never published")
    }

    /// `reportsite serve` is run by the program beside the command, with the
    /// same arguments, help and exit statuses; it serves until Ctrl-C.
    @Test func serveHandsOverToThePreviewProgramBesideTheCommand() throws {
        for arguments in [["serve", "--help"], ["help", "serve"]] {
            let help = try run(arguments)
            #expect(help.status == 0, "\(arguments)")
            #expect(help.stdout.contains("USAGE: reportsite serve [--port <port>] [--host <address>] [--root <dir>]"), "\(help.stdout)")
        }
        let nowhere = try run(["serve", "--root", "/nonexistent-\(UUID().uuidString)"])
        #expect(nowhere.status == 2)
        #expect(nowhere.stderr.contains("no Content/site.yml there"), "\(nowhere.stderr)")
        #expect(try run(["serve", "--port", "0"]).status == 2)

        let root = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let process = Process()
        process.executableURL = Command.executable
        let port = Int.random(in: 20_000...60_000)
        process.arguments = ["serve", "--root", root.path(percentEncoded: false), "--port", String(port)]
        let err = Pipe()
        process.standardError = err
        try process.run()
        var said = ""
        while !said.contains("(Ctrl-C to stop)") {
            let data = err.fileHandleForReading.availableData
            if data.isEmpty { break }  // the server ended
            said += String(decoding: data, as: UTF8.self)
        }
        #expect(said.contains("Serving http://127.0.0.1:\(port)/"), "\(said)")
        let page = try Data(contentsOf: URL(string: "http://127.0.0.1:\(port)/reports/2024-03-01-sp24-01/")!)
        #expect(String(decoding: page, as: UTF8.self).contains("SP24/01"))
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    /// The same bytes whatever the parallelism: the example site (charts,
    /// trackers, versions) built on one core, where every map of the build
    /// runs on a single thread, and on all of them.
    @Test func aBuildOnOneCoreIsByteIdenticalToABuildOnAll() throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "reportsite-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for folder in ["Content", "Templates"] {
            try FileManager.default.copyItem(at: Fixtures.packageRoot.appending(path: folder), to: root.appending(path: folder))
        }
        defer { try? FileManager.default.removeItem(at: root) }
        let rootPath = root.path(percentEncoded: false)
        let (one, all) = (root.appending(path: "one-core"), root.appending(path: "all-cores"))
        let single = try Command.run(
            ["-c", "0", Command.executable.path(percentEncoded: false), "build", "--force", "--quiet", "--root", rootPath,
             "--output", one.path(percentEncoded: false)], launching: URL(filePath: "/usr/bin/taskset"))
        #expect(single.status == 0, "\(single.stderr)")
        let every = try run(["build", "--force", "--quiet", "--root", rootPath, "--output", all.path(percentEncoded: false)])
        #expect(every.status == 0, "\(every.stderr)")
        let (a, b) = (try tree(one), try tree(all))
        #expect(a.count > 50 && a.keys.sorted() == b.keys.sorted())
        for (path, data) in a where b[path] != data {
            Issue.record("\(path) differs between a build on one core and one on all")
        }
    }

    @Test func incrementalBuildsAreByteIdenticalToCleanBuilds() throws {
        let root = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let rootPath = root.path(percentEncoded: false)
        let clean = root.appending(path: "Clean")
        let fm = FileManager.default
        func edit(_ path: String, _ change: (String) -> String) throws {
            let url = root.appending(path: path)
            try Data(change(read(url) ?? "").utf8).write(to: url)
        }
        /// Builds incrementally and from scratch, and compares every byte; returns the incremental run.
        @discardableResult func compare(_ step: String) throws -> Run {
            let incremental = try run(["build", "--root", rootPath])
            #expect(incremental.status == 0, "\(step): \(incremental.stderr)")
            let full = try run(["build", "--force", "--root", rootPath, "--output", clean.path(percentEncoded: false)])
            #expect(full.status == 0, "\(step): \(full.stderr)")
            let (a, b) = (try tree(root.appending(path: "Output")), try tree(clean))
            #expect(a.keys.sorted() == b.keys.sorted(), "\(step): the same files")
            for (path, data) in a where b[path] != data {
                Issue.record("\(step): \(path) differs from a clean build")
            }
            return incremental
        }
        try compare("first build")
        func inode(_ path: String) throws -> Int {
            try (fm.attributesOfItem(atPath: root.appending(path: path).path(percentEncoded: false))[.systemFileNumber] as? Int) ?? -1
        }
        let (folderBefore, pageBefore) = (try inode("Output"), try inode("Output/about/index.html"))

        try edit("Content/pages/about.md") { $0.replacing("This is a fixture.", with: "This is an edited fixture.") }
        let bodyEdit = try compare("edit a page's body")
        #expect(bodyEdit.stderr.contains("(1 rendered, 28 unchanged)"), "only the page itself is rendered: \(bodyEdit.stderr)")
        // Patched in place: the folder is the same one, the edited page a new file.
        #expect(try inode("Output") == folderBefore)
        #expect(try inode("Output/about/index.html") != pageBefore)
        // The patch's stamp holds every file as it now is on disk (those it
        // left alone without a stat): nothing to do next time.
        let afterPatch = try run(["build", "--root", rootPath])
        #expect(afterPatch.stderr.contains("Up to date"), "\(afterPatch.stderr)")

        try edit("Content/reports/2024-03-01-sp24-01.md") { $0.replacing("title: ", with: "title: Revised ") }
        let titleEdit = try compare("edit a title that lists, the home page and links show")
        #expect(!titleEdit.stderr.contains("(29 rendered"), "\(titleEdit.stderr)")

        try Data("---\ntitle: New page\n---\nHello.\n".utf8).write(to: root.appending(path: "Content/pages/new-page.md"))
        try compare("add a document")
        try fm.moveItem(at: root.appending(path: "Content/meetings/2024-05-01-roads-assurance.md"),
            to: root.appending(path: "Content/meetings/2024-05-02-roads-assurance.md"))
        try compare("rename a document")
        try fm.removeItem(at: root.appending(path: "Content/meetings/2024-05-02-roads-assurance.md"))
        try compare("delete a document")
        #expect(!fm.fileExists(atPath: root.appending(path: "Output/meetings/2024-05-02-roads-assurance").path(percentEncoded: false)),
            "a removed document's folders go with it")
        try edit("Templates/layout.mustache") { $0.replacing("</footer>", with: "<p>Footer note.</p></footer>") }
        let templateEdit = try compare("edit a template")
        #expect(!templateEdit.stderr.contains("unchanged)"), "a template change renders every page: \(templateEdit.stderr)")
        try edit("Content/site.yml") { $0.replacing("title: ", with: "title: The ") }
        try compare("edit site.yml")

        // A published file altered or removed by hand is written again.
        try Data("tampered".utf8).write(to: root.appending(path: "Output/about/index.html"))
        try fm.removeItem(at: root.appending(path: "Output/reports/index.html"))
        try compare("repair altered output")
    }

    /// A build remembers what it wrote into each output folder; the record
    /// of a folder that is gone is dropped by the next build, so the cache
    /// does not grow with every folder ever built into.
    @Test func aBuildForgetsOutputFoldersThatAreGone() throws {
        let root = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let rootPath = root.path(percentEncoded: false)
        let fm = FileManager.default
        func stamps() throws -> [String] {
            try fm.contentsOfDirectory(atPath: root.appending(path: BuildStamp.folder).path(percentEncoded: false))
                .filter { $0.hasPrefix("build-") }.sorted()
        }
        func build(_ output: String) throws {
            let result = try run(["build", "--quiet", "--root", rootPath, "--output", root.appending(path: output).path(percentEncoded: false)])
            #expect(result.status == 0, "\(result.stderr)")
        }
        for output in ["Output", "Preview", "Scratch"] { try build(output) }
        let all = try stamps()
        #expect(all.count == 3)
        try fm.removeItem(at: root.appending(path: "Scratch"))
        try build("Output")
        let kept = try stamps()
        #expect(kept.count == 2)
        #expect(Set(kept).isSubset(of: Set(all)))
        #expect(!kept.contains(BuildStamp.url(root: root, output: root.appending(path: "Scratch")).lastPathComponent))
        // The folders still there are still known: nothing to do.
        let again = try run(["build", "--root", rootPath, "--output", root.appending(path: "Preview").path(percentEncoded: false)])
        #expect(again.stderr.contains("Up to date"), "\(again.stderr)")
    }

    @Test func checkWritesNothing() throws {
        let root = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try run(["check", "--root", root.path(percentEncoded: false)])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("Checked 5 documents"))
        #expect(!FileManager.default.fileExists(atPath: root.appending(path: "Output").path(percentEncoded: false)))
    }

    @Test func warningsFailOnlyWithStrict() throws {
        let root = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let page = root.appending(path: "Content/pages/about.md")
        try Data("---\ntitle: About\n---\n\nHello <b>there</b>.\n".utf8).write(to: page)
        let relaxed = try run(["check", "--root", root.path(percentEncoded: false)])
        #expect(relaxed.status == 0)
        #expect(relaxed.stderr.contains("Content/pages/about.md:5:7: warning: HTML in Markdown is not published"))
        #expect(try run(["check", "--strict", "--root", root.path(percentEncoded: false)]).status == 1)
    }

    @Test func machineReadableFormatsGoToStdout() throws {
        let root = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let page = root.appending(path: "Content/pages/about.md")
        try Data("---\ntitle: About\nsumary: typo\n---\nBody\n".utf8).write(to: page)
        let github = try run(["check", "--format", "github", "--root", root.path(percentEncoded: false)])
        #expect(github.status == 1)
        #expect(github.stdout.hasPrefix("::error file="))
        #expect(github.stdout.contains("Content/pages/about.md,line=3,col=1,title=reportsite::unknown key 'sumary' in the front matter%0Adid you mean 'summary'?"))
        let json = try run(["check", "--format", "json", "--quiet", "--root", root.path(percentEncoded: false)])
        #expect(json.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.split(separator: "\n")[0].utf8)) as? [String: Any]
        #expect(object?["line"] as? Int == 3)
        #expect((object?["file"] as? String)?.hasSuffix("Content/pages/about.md") == true)
    }

    @Test func usageErrorsExitTwo() throws {
        let unknown = try run(["build", "--no-such-flag"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("Unknown option '--no-such-flag'"))
        let missingRoot = try run(["check", "--root", "/no/such/site"])
        #expect(missingRoot.status == 2)
        #expect(missingRoot.stderr.contains("no such folder"))
        let badURL = try run(["check", "--base-url", "opcc.example.org"])
        #expect(badURL.status == 2)
    }

    @Test func helpDescribesTheCommands() throws {
        let help = try run(["build", "--help"])
        #expect(help.status == 0)
        for option in ["--root", "--output", "--base-url", "--quiet", "--strict"] {
            #expect(help.stdout.contains(option))
        }
    }
}
