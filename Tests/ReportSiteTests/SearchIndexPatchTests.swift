import Foundation
import Testing

@testable import ReportSite

/// Patching the last search index where documents changed
/// (`SearchIndex.Patch`) gives the very bytes of the index written whole.
@Suite struct SearchIndexPatchTests {
    static let report = "Content/reports/2024-03-01-sp24-01.md"
    static let meeting = "Content/meetings/2024-05-01-roads-assurance.md"

    func graph(_ contents: [String: String]) throws -> SiteGraph {
        try #require(SiteBuilder.build(MemoryFileSystem(contents)).renderer?.graph)
    }

    /// The index patched from `previous`, if a patch applies.
    func patched(_ graph: SiteGraph, cache: SearchWordCache, previous: PreviousOutput) -> [UInt8]? {
        guard let layout = cache.lastLayout() else { return nil }
        let (documents, vocabulary) = SearchIndex.entries(graph, cache: cache)
        let patch = SearchIndex.Patch(
            documents: documents, keys: documents.compactMap(\.key), vocabulary: vocabulary, layout: layout, cache: cache,
            previous: previous)
        return patch?.apply()?.bytes
    }

    /// Where two JSON texts part, with a little of each from there.
    func difference(_ a: [UInt8], _ b: [UInt8]) -> String {
        let at = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        func excerpt(_ bytes: [UInt8]) -> String { String(decoding: bytes[min(at, bytes.count)..<min(at + 60, bytes.count)], as: UTF8.self) }
        return "byte \(at) of \(a.count) and \(b.count): \(excerpt(a)) | \(excerpt(b))"
    }

    @Test func eachEditPatchesTheIndexToTheBytesOfTheWholeIndex() throws {
        var contents = Fixtures.site("valid").contents.mapValues { String(decoding: $0, as: UTF8.self) }
        let cache = SearchWordCache()
        var last = SearchIndex.render(try graph(contents), cache: cache)
        let edits: [(String, (inout [String: String]) -> Void)] = [
            ("words no document had, added to a body", { $0[Self.report]! += "\nZanzibarish quokkas and 31415 marmosets.\n" }),
            ("a new title: title words, and the document's array", {
                $0[Self.meeting] = $0[Self.meeting]!.replacing("\ntitle: ", with: "\ntitle: Quokka ")
            }),
            ("the new words gone again, so their postings go", {
                $0[Self.report] = $0[Self.report]!.replacing("\nZanzibarish quokkas and 31415 marmosets.\n", with: "\n")
            }),
            ("two documents at once, with words others have", {
                $0[Self.report]! += "\nCustody and roads.\n"
                $0[Self.meeting]! += "\nA budget paper.\n"
            }),
            ("nothing", { _ in }),
        ]
        for (name, edit) in edits {
            edit(&contents)
            let graph = try graph(contents)
            let previous = PreviousOutput(files: [last])
            let whole = SearchIndex.render(graph)
            let patch = try #require(patched(graph, cache: cache, previous: previous), "\(name): a patch applies")
            #expect(patch == [UInt8](whole.data), "\(name): \(difference(patch, [UInt8](whole.data)))")
            let file = SearchIndex.render(graph, cache: cache, previous: previous)
            #expect(file.data == whole.data, "\(name): \(difference([UInt8](file.data), [UInt8](whole.data)))")
            #expect(file.sha256 == IntegrityLock.sha256(whole.data), "\(name)")
            last = file
        }
        let index = try JSONDecoder().decode(SearchIndex.Index.self, from: last.data)
        #expect(index.title["quokka"] != nil && index.text["zanzibarish"] == nil)
    }

    /// A document added changes every position after it: the index is written whole.
    @Test func anotherSetOfDocumentsIsWrittenWhole() throws {
        var contents = Fixtures.site("valid").contents.mapValues { String(decoding: $0, as: UTF8.self) }
        let cache = SearchWordCache()
        let first = SearchIndex.render(try graph(contents), cache: cache)
        contents["Content/meetings/2024-06-01-second.md"] = contents[Self.meeting]!
            .replacing("\ntitle: ", with: "\ntitle: Second ")
        let graph = try graph(contents)
        #expect(patched(graph, cache: cache, previous: PreviousOutput(files: [first])) == nil)
        #expect(SearchIndex.render(graph, cache: cache, previous: PreviousOutput(files: [first])).data == SearchIndex.render(graph).data)
    }

    /// An edit to one body: every other document keeps its part of the index
    /// from the last layout (its texts are not made or hashed again), and
    /// the patched index is still the whole index, byte for byte. Another
    /// site key (site.yml, the options, the templates, any document's face)
    /// takes nothing from the layout.
    @Test func documentsMadeFromTheSameInputsKeepTheirPartsFromTheLayout() throws {
        var contents = Fixtures.site("valid").contents.mapValues { String(decoding: $0, as: UTF8.self) }
        let decoded = DecodeCache()
        func graph() throws -> SiteGraph {
            var options = BuildOptions()
            options.cache = decoded
            return try #require(SiteBuilder.build(MemoryFileSystem(contents), options: options).renderer?.graph)
        }
        let cache = SearchWordCache()
        let first = try graph()
        #expect(first.publications.allSatisfy { $0.revision != nil })
        var last = SearchIndex.render(first, cache: cache, previous: PreviousOutput(files: []), siteKey: "site 1")
        contents[Self.report]! += "\nZanzibarish quokkas.\n"
        let edited = try graph()
        let (documents, _) = SearchIndex.entries(edited, cache: cache, siteKey: "site 1", layout: cache.lastLayout())
        #expect(documents.filter(\.fromLayout).count == documents.count - 1)
        #expect(documents.first { !$0.fromLayout }?.doc.first == edited.publications.first { $0.path == Self.report }?.title)
        let whole = SearchIndex.render(edited)
        last = SearchIndex.render(edited, cache: cache, previous: PreviousOutput(files: [last]), siteKey: "site 1")
        #expect(last.data == whole.data, "\(difference([UInt8](last.data), [UInt8](whole.data)))")
        let (again, _) = SearchIndex.entries(edited, cache: cache, siteKey: "site 2", layout: cache.lastLayout())
        #expect(again.allSatisfy { !$0.fromLayout })
        last = SearchIndex.render(edited, cache: cache, previous: PreviousOutput(files: [last]), siteKey: "site 2")
        #expect(last.data == whole.data)
        // The index did not change, but the layout now knows the new key.
        let (lent, _) = SearchIndex.entries(edited, cache: cache, siteKey: "site 2", layout: cache.lastLayout())
        #expect(lent.allSatisfy { $0.fromLayout })
    }

    /// Without the last index to patch, the parts a layout would lend are
    /// made after all: the index written whole is the same as with no cache.
    @Test func anIndexWrittenWholeMakesEveryPart() throws {
        let contents = Fixtures.site("valid").contents.mapValues { String(decoding: $0, as: UTF8.self) }
        var options = BuildOptions()
        options.cache = DecodeCache()
        let graph = try #require(SiteBuilder.build(MemoryFileSystem(contents), options: options).renderer?.graph)
        let cache = SearchWordCache()
        let first = SearchIndex.render(graph, cache: cache, previous: PreviousOutput(files: []), siteKey: "site")
        // The last index is gone (or changed by hand): the layout is of no use.
        #expect(cache.lastLayout()?.digest == first.sha256)
        var damaged = OutputFile(path: SearchIndex.path, data: Data("{}".utf8))
        damaged.sha256 = IntegrityLock.sha256(damaged.data)
        let file = SearchIndex.render(graph, cache: cache, previous: PreviousOutput(files: [damaged]), siteKey: "site")
        #expect(file.data == SearchIndex.render(graph).data)
    }

    /// The site's words change when site.yml renames an organisation: an
    /// incremental build, whose documents all come from the decode cache
    /// unchanged, indexes the new name as a build from nothing does.
    @Test func anIncrementalBuildIndexesWhatSiteYmlChanged() throws {
        var contents = Fixtures.site("valid").contents.mapValues { String(decoding: $0, as: UTF8.self) }
        var options = BuildOptions()
        options.fingerprintPages = true
        options.cache = DecodeCache()
        options.searchWords = SearchWordCache()
        func build(_ options: BuildOptions) throws -> OutputFile {
            let result = SiteBuilder.build(MemoryFileSystem(contents), options: options)
            #expect(result.succeeded)
            return try #require(result.files.first { $0.path == SearchIndex.path })
        }
        func remember(_ file: OutputFile) {
            var file = file
            file.sha256 = IntegrityLock.sha256(file.data)
            options.previous = PreviousOutput(files: [file])
        }
        remember(try build(options))
        contents["Content/site.yml"] = contents["Content/site.yml"]!
            .replacing("name: Sample Police\n", with: "name: Quokkashire Constabulary\n")
        let incremental = try build(options)
        let fresh = try build(BuildOptions())
        #expect(incremental.data == fresh.data, "\(difference([UInt8](incremental.data), [UInt8](fresh.data)))")
        let index = try JSONDecoder().decode(SearchIndex.Index.self, from: incremental.data)
        #expect(index.text["quokkashire"] != nil)
    }

    /// The layout a build keeps reads back as written; a damaged file, or
    /// one from another generator, is not used.
    @Test func theLayoutFileReadsBackOrNotAtAll() throws {
        let key = String(repeating: "ab", count: 32)
        let layout = SearchIndex.Layout(
            digest: String(repeating: "0f", count: 32), length: 900, text: 100..<500, title: 501..<890,
            documents: [
                .init(wordsKey: key, key: key.uppercased(), inputs: SearchIndex.Layout.Slot.noInputs, end: 40),
                .init(wordsKey: key, key: key, inputs: String(repeating: "cd", count: 32), end: 80),
            ])
        let path = FileManager.default.temporaryDirectory.appending(path: "layout-\(UUID().uuidString)").path(percentEncoded: false)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var bytes = try #require(layout.encoded(generator: "g"))
        try Data(bytes).write(to: URL(filePath: path))
        #expect(SearchIndex.Layout.read(path, generator: "g") == layout)
        #expect(SearchIndex.Layout.read(path, generator: "h") == nil)
        bytes[bytes.count / 2] ^= 1
        try Data(bytes).write(to: URL(filePath: path))
        #expect(SearchIndex.Layout.read(path, generator: "g") == nil)
        try Data(bytes.dropLast()).write(to: URL(filePath: path))
        #expect(SearchIndex.Layout.read(path, generator: "g") == nil)
    }
}
