import Foundation
import Testing

@testable import ReportSite

/// `search-words.bin` between builds: what changed is appended, and the file
/// reads back as the words each text was made from, whatever happened to it.
@Suite struct SearchWordCacheTests {
    /// A fresh file in the temporary folder, removed by `body`'s end.
    func withFile(_ body: (URL) throws -> Void) rethrows {
        let file = FileManager.default.temporaryDirectory.appending(path: "search-words-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: file) }
        try body(file)
    }

    func bytes(_ file: URL) throws -> Data {
        try Data(contentsOf: file)
    }

    /// The words of entry `key` in the cache at `file`, as text.
    func words(_ key: String, in file: URL) -> (title: [String], text: [String])? {
        let cache = SearchWordCache(file: file, generator: "g")
        guard let entry = cache.entry(key) else { return nil }
        let vocabulary = cache.vocabularySnapshot()
        return (entry.title.map { vocabulary[Int($0)] }, entry.text.map { vocabulary[Int($0)] })
    }

    /// Ten texts of ten words each, saved.
    func tenTexts(_ file: URL) {
        let cache = SearchWordCache(file: file, generator: "g")
        for text in 0..<10 { _ = cache.number("text\(text)", title: ["title\(text)"], text: (0..<10).map { "t\(text)w\($0)" }) }
        cache.finish(keeping: Set((0..<10).map { "text\($0)" }))
    }

    /// One text replaced by another: loads the file, numbers `key`'s words and saves.
    func replace(_ old: String, with key: String, words: [String], in file: URL) {
        let cache = SearchWordCache(file: file, generator: "g")
        let kept = (0..<10).map { "text\($0)" }.filter { $0 != old && cache.entry($0) != nil }
        _ = cache.number(key, title: [], text: words)
        cache.finish(keeping: Set(kept + [key]))
    }

    @Test func aChangedTextIsAppendedNotWrittenAgain() throws {
        try withFile { file in
            tenTexts(file)
            let before = try bytes(file)
            replace("text3", with: "edited", words: ["t0w0", "brand", "new"], in: file)
            let after = try bytes(file)
            #expect(after.prefix(before.count) == before, "the file as it was, with a batch after it")
            #expect(after.count - before.count < before.count / 4)
            #expect(words("edited", in: file)?.text == ["t0w0", "brand", "new"])
            #expect(words("text3", in: file) == nil)
            #expect(words("text4", in: file)?.text == (0..<10).map { "t4w\($0)" })
            #expect(words("text4", in: file)?.title == ["title4"])
        }
    }

    /// Two builds that read the same file and append at once: each batch
    /// numbers its new words from the same vocabulary size, so the second one
    /// read cannot be applied and is skipped, never mixed into the first's words.
    @Test func batchesNumberedFromTheSameVocabularyAreNotMixed() throws {
        try withFile { file in
            tenTexts(file)
            let original = try bytes(file)
            let copy = file.appendingPathExtension("copy")
            defer { try? FileManager.default.removeItem(at: copy) }
            try original.write(to: copy)
            replace("text1", with: "first", words: ["alpha", "t0w0"], in: file)
            replace("text2", with: "second", words: ["beta", "t0w1"], in: copy)
            // Both batches in one file, as two builds appending at once would leave it.
            try (try bytes(file) + (try bytes(copy)).dropFirst(original.count)).write(to: file)
            #expect(words("first", in: file)?.text == ["alpha", "t0w0"])
            #expect(words("second", in: file) == nil, "tokenised again by the next build")
            #expect(words("text1", in: file) == nil)
            #expect(words("text2", in: file)?.text == (0..<10).map { "t2w\($0)" }, "the skipped batch removed nothing")

            // Batches with no new words fit any order.
            try original.write(to: file)
            try original.write(to: copy)
            replace("text1", with: "first", words: ["t5w5"], in: file)
            replace("text2", with: "second", words: ["t6w6"], in: copy)
            try (try bytes(file) + (try bytes(copy)).dropFirst(original.count)).write(to: file)
            #expect(words("first", in: file)?.text == ["t5w5"])
            #expect(words("second", in: file)?.text == ["t6w6"])
        }
    }

    @Test func aTornBatchIsIgnoredAndTheNextSaveWritesTheWholeFile() throws {
        try withFile { file in
            tenTexts(file)
            replace("text3", with: "edited", words: ["torn"], in: file)
            try (try bytes(file)).dropLast(3).write(to: file)
            #expect(words("edited", in: file) == nil)
            #expect(words("text3", in: file)?.text == (0..<10).map { "t3w\($0)" })

            #expect(SavedFile.read(file.path, generator: "g")?.saved == nil, "bytes after the last whole batch")
            replace("text4", with: "again", words: ["later"], in: file)
            #expect(SavedFile.read(file.path, generator: "g")?.saved != nil, "written whole, not after the torn bytes")
            #expect(words("again", in: file)?.text == ["later"])
            #expect(words("text3", in: file)?.text == (0..<10).map { "t3w\($0)" })
            #expect(words("text4", in: file) == nil)
        }
    }

    /// Removed entries stay in the file only until they are a quarter of the
    /// live ones: then the file is written whole again.
    @Test func theFileIsWrittenWholeBeforeItFillsWithRemovedTexts() throws {
        try withFile { file in
            tenTexts(file)
            let first = try bytes(file).count
            var sizes: [Int] = []
            for edit in 0..<12 {
                let cache = SearchWordCache(file: file, generator: "g")
                let kept = (0..<10).map { "text\($0)" }.filter { cache.entry($0) != nil }
                _ = cache.number("edit\(edit)", title: [], text: ["t0w0"])
                cache.finish(keeping: Set(kept + ["edit\(edit)"]))
                sizes.append(try bytes(file).count)
            }
            #expect(sizes.contains { $0 < sizes.max()! }, "written whole at least once: \(sizes)")
            #expect(sizes.max()! < first * 2, "\(sizes)")
            #expect(words("edit11", in: file)?.text == ["t0w0"])
            #expect(words("edit10", in: file) == nil)
        }
    }
}
