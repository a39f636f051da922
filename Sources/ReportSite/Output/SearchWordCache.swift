import Foundation

/// Each document's search words from the last build, so the search index of
/// an incremental build tokenises only the documents whose text changed
/// (all 10,000 took 2.5 s of a one-document build).
///
/// Words are kept once, in a vocabulary; a document's entry is the numbers
/// of its title words and of its other words, under the SHA-256 of the text
/// they came from. In memory for the preview; with a `file`
/// (`.reportsite-cache/search-words.bin`) also between `build` runs. A file
/// from another generator, or one that does not read back, is ignored.
public final class SearchWordCache: @unchecked Sendable {
    struct Entry {
        var title: [UInt32]
        var text: [UInt32]
    }

    let file: URL?
    let generator: String
    private let lock = NSLock()
    private var vocabulary: [String] = []
    private var numbers: [String: UInt32] = [:]
    private var entries: [String: Entry] = [:]
    private var loaded = false
    private var changed = false
    /// What the file holds, when this cache read or wrote it whole: then
    /// `finish` appends only what changed (see `SearchWordCache+File`).
    private var saved: SavedFile?
    /// The last search index written (see `SearchIndex.Layout`), kept in
    /// memory and, with a `layoutFile`, on disk.
    private var layout: SearchIndex.Layout?
    private var layoutLoaded: Bool
    /// Whether `layout` is not yet in `layoutFile` (see `saveLayout`).
    private var layoutChanged = false

    /// `reuse: false` (`build --force`) starts empty but still saves.
    /// `layout` is where the layout of the index in one output folder is
    /// kept (each folder has an index of its own to patch: see
    /// `BuildStamp.Companion`); without one, it is kept in memory only.
    public init(file: URL? = nil, layout: URL? = nil, generator: String = "", reuse: Bool = true) {
        self.file = file
        layoutFile = layout?.path(percentEncoded: false)
        self.generator = generator
        loaded = !reuse
        layoutLoaded = !reuse
    }

    private let layoutFile: String?

    /// Where the parts of the last search index lie, if a build kept them.
    func lastLayout() -> SearchIndex.Layout? {
        lock.withLock {
            loadLayoutIfNeeded()
            return layout
        }
    }

    /// Reads the file and the layout now, so the search index need not: a
    /// 10,000-document site's words took 0.07 s to read, on one core, while
    /// every thread numbering words waited for them.
    func prefetch() {
        lock.withLock {
            loadIfNeeded()
            loadLayoutIfNeeded()
        }
    }

    /// Keeps the layout of the index just made, for the next build to patch
    /// (in memory; `saveLayout` writes it once that index is published).
    func keep(_ layout: SearchIndex.Layout) {
        lock.withLock {
            layoutLoaded = true
            guard self.layout != layout else { return }
            self.layout = layout
            layoutChanged = true
        }
    }

    /// Writes the layout kept last, once the index it describes is in the
    /// output folder: a build that fails, or a `check`, leaves the layout
    /// of the index that is there.
    public func saveLayout() {
        lock.withLock {
            guard layoutChanged, let layout, let layoutFile, let bytes = layout.encoded(generator: generator) else { return }
            layoutChanged = false
            try? FileManager.default.createDirectory(
                at: URL(filePath: layoutFile).deletingLastPathComponent(), withIntermediateDirectories: true)
            if (try? PlainFile.write(Data(bytes), to: layoutFile)) == nil { try? FileManager.default.removeItem(atPath: layoutFile) }
        }
    }

    /// The word numbers of the text with digest `key`, if a build has seen that text.
    func entry(_ key: String) -> Entry? {
        lock.withLock {
            loadIfNeeded()
            return entries[key]
        }
    }

    /// Numbers the words of a text, keeping them under `key` if there is one.
    func number(_ key: String?, title: [String], text: [String]) -> Entry {
        lock.withLock {
            loadIfNeeded()
            let entry = Entry(title: title.map(number), text: text.map(number))
            if let key {
                entries[key] = entry
                changed = true
            }
            return entry
        }
    }

    /// The words by number, as they stand until `finish` renumbers them.
    func vocabularySnapshot() -> [String] {
        lock.withLock {
            loadIfNeeded()
            return vocabulary
        }
    }

    /// Keeps only the entries of `keys` (the current documents) and saves
    /// what changed: appended to the file when it can be, else the whole file.
    func finish(keeping keys: Set<String>) {
        lock.withLock {
            loadIfNeeded()
            let before = entries.count
            entries = entries.filter { keys.contains($0.key) }
            changed = changed || entries.count != before
            guard changed, let file else { return }
            changed = false
            if unusedWords() > vocabulary.count / 8 {
                compact()
                saved = nil
            }
            let path = file.path(percentEncoded: false)
            if let saved, let appended = saved.appending(vocabulary: vocabulary, entries: entries, to: path) {
                self.saved = appended
                return
            }
            try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            let bytes = SavedFile.whole(generator: generator, vocabulary: vocabulary, entries: entries)
            saved = (try? PlainFile.write(Data(bytes), to: path)).map {
                SavedFile(length: bytes.count, words: vocabulary.count, keys: Set(entries.keys), deadEntries: 0)
            }
        }
    }

    /// The texts the cache holds words for.
    var keys: [String] {
        lock.withLock {
            loadIfNeeded()
            return Array(entries.keys)
        }
    }

    private func number(_ word: String) -> UInt32 {
        if let known = numbers[word] { return known }
        let next = UInt32(vocabulary.count)
        vocabulary.append(word)
        numbers[word] = next
        return next
    }

    /// How many words of the vocabulary no entry uses (those of texts that
    /// changed or went away). Counting them is quick; renumbering every
    /// entry's words is not, so `compact` waits until they are worth it.
    private func unusedWords() -> Int {
        var used = [Bool](repeating: false, count: vocabulary.count)
        for entry in entries.values {
            for number in entry.title { used[Int(number)] = true }
            for number in entry.text { used[Int(number)] = true }
        }
        return used.count { !$0 }
    }

    private func loadLayoutIfNeeded() {
        if !layoutLoaded, let layoutFile { layout = SearchIndex.Layout.read(layoutFile, generator: generator) }
        layoutLoaded = true
    }

    private func loadIfNeeded() {
        guard !loaded else { return }
        loaded = true
        guard let file, let read = SavedFile.read(file.path(percentEncoded: false), generator: generator) else { return }
        vocabulary = read.vocabulary
        numbers = Dictionary(vocabulary.enumerated().map { ($1, UInt32($0)) }, uniquingKeysWith: { a, _ in a })
        entries = read.entries
        saved = read.saved
    }

    /// Drops words no entry uses any more, so the vocabulary does not grow forever.
    private func compact() {
        let old = vocabulary
        vocabulary = []
        numbers = [:]
        entries = entries.mapValues { entry in
            Entry(title: entry.title.map { number(old[Int($0)]) }, text: entry.text.map { number(old[Int($0)]) })
        }
    }
}
