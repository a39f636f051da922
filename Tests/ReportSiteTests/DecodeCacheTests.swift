import Foundation
import Testing

@testable import ReportSite

/// The decode cache on disk: what `build` and CI jobs reuse between runs.
/// It must give back exactly the documents it was given, and a damaged
/// entry must cost only time.
@Suite struct DecodeCacheTests {
    /// Every document of the example site and the valid fixture, with
    /// their superseded versions, charts, figures and diagnostics.
    static let documents: [Document] = {
        [Fixtures.exampleSite as FileSystem, Fixtures.site("valid")].flatMap { SiteBuilder.build($0).documents }
    }()

    /// A cache folder of the test's own (the test removes it).
    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appending(path: "reportsite-cache-\(UUID().uuidString)")
    }

    /// An independent view of a document: Foundation's JSON, keys sorted.
    func json(_ document: Document) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }

    func expectSameFiles(_ result: BuildResult, _ clean: BuildResult, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.files.map(\.path) == clean.files.map(\.path), sourceLocation: sourceLocation)
        let differing = zip(result.files, clean.files).filter { $0.data != $1.data }.map(\.0.path)
        #expect(differing.isEmpty, "differ from a build without the cache: \(differing)", sourceLocation: sourceLocation)
    }

    @Test func everyDocumentComesBackWithEveryField() throws {
        #expect(Self.documents.count >= 10)
        #expect(Self.documents.contains { !$0.versions.isEmpty }, "a document with superseded versions is covered")
        #expect(Self.documents.contains { !$0.charts.isEmpty }, "a document with a chart is covered")
        for document in Self.documents {
            let decoded = try CacheCoder.decode(Document.self, from: try CacheCoder.encode(document))
            #expect(try json(decoded) == json(document), "\(document.path)")
        }
    }

    @Test func primitivesOptionalsAndEnumsRoundTrip() throws {
        struct Sample: Codable, Equatable {
            enum Shape: Codable, Equatable { case none, circle(radius: Double), named(String, Int8) }
            var text = "ünïcödé and \u{0} inside"
            var empty = ""
            var small: Int8 = -7
            var large: UInt32 = 4_000_000_000
            var negative = Int.min
            var ratio: Float = 0.25
            var flag = true
            var absent: String?
            var present: Int? = 0
            var nested: [[String: [Int]]] = [["a": [1, 2]], [:]]
            var shapes: [Shape] = [.none, .circle(radius: 1.5), .named("x", -1)]
        }
        let sample = Sample()
        #expect(try CacheCoder.decode(Sample.self, from: try CacheCoder.encode(sample)) == sample)
    }

    @Test func aDamagedEntryThrowsInsteadOfCrashingOrLying() throws {
        let document = try #require(Self.documents.first { !$0.versions.isEmpty })
        let bytes = try CacheCoder.encode(document)
        // Every cut short entry (a build killed mid-write) is refused.
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 500)) {
            #expect(throws: (any Error).self, "cut at \(length) of \(bytes.count)") {
                try CacheCoder.decode(Document.self, from: bytes.prefix(length))
            }
        }
        #expect(throws: (any Error).self) { try CacheCoder.decode(Document.self, from: Data(repeating: 0xFF, count: 64)) }
    }

    @Test func aSecondProcessReusesTheCacheAndAGarbledEntryIsDecodedAgain() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let site = Fixtures.exampleSite
        let clean = SiteBuilder.build(site)
        #expect(clean.succeeded)

        // Each build gets its own cache object, as separate `build` runs do.
        func build() -> (BuildResult, DecodeCache) {
            let cache = DecodeCache(folder: folder, generator: "test")
            return (SiteBuilder.build(site, options: BuildOptions(cache: cache)), cache)
        }
        let (first, firstCache) = build()
        #expect(firstCache.lastDecoded.count == clean.sources.keys.filter { $0.hasSuffix(".md") }.count)
        let (second, secondCache) = build()
        #expect(secondCache.lastDecoded.isEmpty, "nothing changed, so every document comes from the cache")
        for result in [first, second] { expectSameFiles(result, clean) }

        let entries = try FileManager.default.subpathsOfDirectory(atPath: folder.path(percentEncoded: false))
            .filter { $0.hasSuffix(".bin") }.sorted()
        let garbled = folder.appending(path: try #require(entries.first))
        let data = try Data(contentsOf: garbled)
        try data.prefix(data.count / 2).write(to: garbled)
        let (third, thirdCache) = build()
        #expect(thirdCache.lastDecoded.count == 1, "only the damaged entry is decoded again")
        expectSameFiles(third, clean)
    }

    /// `build --force` decodes every file again; an entry that comes out as
    /// it was is left alone, since rewriting 10,000 files cost seconds.
    @Test func aForcedBuildRewritesOnlyEntriesThatChanged() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let site = Fixtures.exampleSite
        _ = SiteBuilder.build(site, options: BuildOptions(cache: DecodeCache(folder: folder, generator: "test")))
        let entries = try FileManager.default.subpathsOfDirectory(atPath: folder.path(percentEncoded: false))
            .filter { $0.hasSuffix(".bin") }.map { folder.appending(path: $0).path(percentEncoded: false) }
        #expect(!entries.isEmpty)
        let longAgo = Date(timeIntervalSince1970: 1_000_000_000)
        for entry in entries { try FileManager.default.setAttributes([.modificationDate: longAgo], ofItemAtPath: entry) }

        let forced = DecodeCache(folder: folder, generator: "test", reuse: false)
        #expect(SiteBuilder.build(site, options: BuildOptions(cache: forced)).succeeded)
        #expect(forced.lastDecoded.count == entries.count, "a forced build decodes every document again")
        let rewritten = try entries.filter {
            try FileManager.default.attributesOfItem(atPath: $0)[.modificationDate] as? Date != longAgo
        }
        #expect(rewritten.isEmpty)

        // Another generator's entries all differ, and are all written.
        let upgraded = DecodeCache(folder: folder, generator: "test 2", reuse: false)
        _ = SiteBuilder.build(site, options: BuildOptions(cache: upgraded))
        #expect(try entries.allSatisfy {
            try FileManager.default.attributesOfItem(atPath: $0)[.modificationDate] as? Date != longAgo
        })
    }

    /// A document that is gone takes its entry with it, and so does anything
    /// an older layout left in the folder; while there are as many entries
    /// as documents, the build leaves the folder alone.
    @Test func entriesOfRemovedDocumentsAndOlderLayoutsAreRemoved() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let site = Fixtures.exampleSite
        // Without one of its documents the site may not build (links to it
        // break), but its documents are loaded, and the cache tidied, all the same.
        func build(_ site: FileSystem) {
            _ = SiteBuilder.build(site, options: BuildOptions(cache: DecodeCache(folder: folder, generator: "test")))
        }
        func entries() throws -> [String] {
            try FileManager.default.subpathsOfDirectory(atPath: folder.path(percentEncoded: false))
                .filter { $0.hasSuffix(".bin") }.sorted()
        }
        build(site)
        let all = try entries()
        let markdown = try site.files(under: ContentLoader.contentFolder).filter { $0.hasSuffix(".md") }
        #expect(all.count == markdown.count, "one entry per Markdown file, frozen versions included")
        #expect(DecodeCache.entryCount(in: folder.path(percentEncoded: false) + "/") == all.count)

        let older = folder.appending(path: "0123456789abcdef.bin")
        try Data("an entry of an older layout".utf8).write(to: older)
        #expect(DecodeCache.entryCount(in: folder.path(percentEncoded: false) + "/") == nil)
        build(site)
        #expect(try entries() == all)

        let gone = try #require(markdown.first { $0.hasPrefix("Content/meetings/") && !$0.contains(".versions/") })
        build(Without(site, gone))
        #expect(try entries().count == all.count - 1)
        build(site)
        #expect(try entries() == all, "the document is back, and so is its entry")
    }

    /// An entry's bytes do not depend on the order a dictionary happened to
    /// hold its links in (which differs between processes).
    @Test func anEntryEncodesTheSameWhateverOrderItsLinksCameIn() throws {
        let paths = (0..<40).map { "reports/paper-\($0).md" }
        var small: [String: DocumentLinkTarget] = [:]
        var large: [String: DocumentLinkTarget] = [:]
        large.reserveCapacity(4096)
        for path in paths { small[path] = .page("/" + path) }
        for path in paths.reversed() { large[path] = .page("/" + path) }
        #expect(Array(small.keys) != Array(large.keys), "the two dictionaries should hold their keys in different orders")
        let source = SourceFile(path: "Content/reports/a.md", text: "---\ntitle: A\n---\nBody")
        func bytes(_ links: [String: DocumentLinkTarget]) throws -> Data {
            try CacheCoder.encode(DecodeCache.Entry(key: "k", links: links, source: source, document: nil, diagnostics: []))
        }
        #expect(try bytes(small) == bytes(large))
    }

    /// `build` knows each input's digest from its last run and trusts a file
    /// whose size and time did not change: such a document comes from its
    /// entry without its file being read, and its body stays in the entry
    /// until a page needs it. The site must not change by a byte.
    @Test func documentsWithKnownDigestsAreNotReadAndTheirBodiesStayInTheirEntries() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let site = Fixtures.exampleSite
        let clean = SiteBuilder.build(site)
        #expect(clean.succeeded)
        let markdown = try site.files(under: ContentLoader.contentFolder).filter { $0.hasSuffix(".md") }
        let digests = Dictionary(uniqueKeysWithValues: try markdown.map { ($0, IntegrityLock.sha256(try site.read($0))) })

        func build(_ fileSystem: FileSystem) throws -> BuildResult {
            var options = BuildOptions(cache: DecodeCache(folder: folder.appending(path: "documents"), generator: "test"))
            options.keepsDocumentSources = false
            options.bodySpill = try #require(BodySpill(in: folder))
            options.sourceDigests = digests
            options.contentDigest = clean.contentDigest  // as `build` knows it
            return SiteBuilder.build(fileSystem, options: options)
        }
        expectSameFiles(try build(site), clean)
        let reading = ReadCountingFileSystem(site)
        let second = try build(reading)
        expectSameFiles(second, clean)

        // Only documents with frozen versions are read: their history pages compare Markdown.
        let versioned = Set(second.documents.filter { !$0.versions.isEmpty }.map(\.path))
        #expect(!versioned.isEmpty)
        #expect(Set(reading.reads.filter { $0.hasSuffix(".md") && !$0.contains(".versions/") }) == versioned)
        let inEntries = second.documents.filter { $0.body.isInCacheEntry }
        #expect(inEntries.count == second.documents.count)
        // A body read back from its entry is the body the document was decoded with.
        let cleanBodies = Dictionary(uniqueKeysWithValues: clean.documents.map { ($0.path, $0.body.html.html) })
        #expect(inEntries.allSatisfy { cleanBodies[$0.path] == $0.body.html.html })
    }
}

/// Records which files a build reads.
final class ReadCountingFileSystem: FileSystem, @unchecked Sendable {
    let base: FileSystem
    private let lock = NSLock()
    private var paths: [String] = []
    var reads: [String] { lock.withLock { paths } }

    init(_ base: FileSystem) {
        self.base = base
    }

    func files(under directory: String) throws -> [String] { try base.files(under: directory) }
    func exists(_ path: String) -> Bool { base.exists(path) }
    func read(_ path: String) throws -> Data {
        lock.withLock { paths.append(path) }
        return try base.read(path)
    }
}

/// A site with one file removed.
private struct Without: FileSystem {
    let base: FileSystem
    let path: String

    init(_ base: FileSystem, _ path: String) {
        self.base = base
        self.path = path
    }

    func files(under directory: String) throws -> [String] { try base.files(under: directory).filter { $0 != path } }
    func exists(_ path: String) -> Bool { path != self.path && base.exists(path) }
    func read(_ path: String) throws -> Data {
        guard path != self.path else { throw CocoaError(.fileNoSuchFile) }
        return try base.read(path)
    }
}
