import Foundation
import Testing

@testable import ReportSite

/// `build` keeps document bodies in a spill file between loading and
/// rendering. A reader must never see the difference.
@Suite struct BodySpillTests {
    func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appending(path: "reportsite-spill-\(UUID().uuidString)")
    }

    @Test func bodiesComeBackByteForByteFromManyThreads() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spill = try #require(BodySpill(in: folder))
        let texts = (0..<500).map { index in
            "<p>Item \(index): £\(index * 3) “quoted” – ünïcödé 👮🏽‍♀️</p>\n" + String(repeating: "x", count: index)
        }
        let bodies = ParallelMap.map(texts) { text in
            var body = DocumentBody(TrustedHTML(text))
            body.spill(to: spill)
            return body
        }
        #expect(bodies.allSatisfy { $0.isSpilled })
        #expect(bodies.map(\.html.html) == texts)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path(percentEncoded: false)).isEmpty,
            "the spill file has no name: nothing is left behind")
    }

    @Test func anEmptyBodyStaysInMemory() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var body = DocumentBody(TrustedHTML(""))
        body.spill(to: try #require(BodySpill(in: folder)))
        #expect(!body.isSpilled)
        #expect(body.html.isEmpty)
    }

    @Test func aSpilledBuildWritesTheSameSite() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var coversVersions = false
        for site in [Fixtures.exampleSite as FileSystem, Fixtures.site("valid")] {
            let held = SiteBuilder.build(site)
            var options = BuildOptions()
            let spill = try #require(BodySpill(in: folder))
            options.bodySpill = spill
            let spilled = SiteBuilder.build(site, options: options)
            #expect(held.succeeded && spilled.succeeded)
            let documents = spilled.documents + spilled.documents.flatMap { $0.versions.map(\.document) }
            coversVersions = coversVersions || documents.contains { !$0.versions.isEmpty }
            #expect(documents.allSatisfy { $0.body.isSpilled || $0.body.html.isEmpty })
            #expect(spilled.files.map(\.path) == held.files.map(\.path))
            let differing = zip(spilled.files, held.files).filter { $0.data != $1.data }.map(\.0.path)
            #expect(differing.isEmpty, "differ from a build that held its bodies: \(differing)")
        }
        #expect(coversVersions, "superseded versions are covered")
    }

    /// A page that is reused, and a document whose search words are known,
    /// cost no read of the body: an incremental build of a large site reads
    /// back only the bodies of the pages it renders.
    @Test func anIncrementalBuildReadsOnlyTheBodiesItRenders() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var contents = Fixtures.site("valid").contents.mapValues { String(decoding: $0, as: UTF8.self) }
        var options = BuildOptions()
        options.fingerprintPages = true
        options.searchWords = SearchWordCache()
        func build() throws -> (BuildResult, BodySpill) {
            let spill = try #require(BodySpill(in: folder))
            options.bodySpill = spill
            let result = SiteBuilder.build(MemoryFileSystem(contents), options: options)
            #expect(result.succeeded)
            options.previous = PreviousOutput(files: result.files.map { file in
                var file = file
                file.sha256 = IntegrityLock.sha256(file.data)
                return file
            })
            return (result, spill)
        }
        let (first, firstSpill) = try build()
        #expect(firstSpill.reads >= first.documents.count, "a first build reads every body")
        let (_, unchanged) = try build()
        #expect(unchanged.reads == 0)
        let edited = "Content/reports/2024-03-01-sp24-01.md"
        contents[edited] = try #require(contents[edited]) + "\nOne more paragraph.\n"
        let (second, oneChanged) = try build()
        #expect(oneChanged.reads == 2, "the report's page and its search words")
        let page = second.files.first { $0.path == "reports/2024-03-01-sp24-01/index.html" }
        #expect(page.map { String(decoding: $0.data, as: UTF8.self).contains("One more paragraph.") } == true)
    }
}
