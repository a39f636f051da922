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
}
