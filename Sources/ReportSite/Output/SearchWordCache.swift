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

    /// `reuse: false` (`build --force`) starts empty but still saves.
    public init(file: URL? = nil, generator: String = "", reuse: Bool = true) {
        self.file = file
        self.generator = generator
        loaded = !reuse
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
            let entry = Entry(title: title.map(number), text: text.map(number))
            if let key {
                entries[key] = entry
                changed = true
            }
            return entry
        }
    }

    /// The words by number, as they stand until `finish` renumbers them.
    func vocabularySnapshot() -> [String] { lock.withLock { vocabulary } }

    /// Keeps only the entries of `keys` (the current documents) and writes
    /// the file if anything changed.
    func finish(keeping keys: Set<String>) {
        lock.withLock {
            let before = entries.count
            entries = entries.filter { keys.contains($0.key) }
            changed = changed || entries.count != before
            guard changed, let file else { return }
            if unusedWords() > vocabulary.count / 8 { compact() }
            try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? PlainFile.write(Data(encoded()), to: file.path(percentEncoded: false))
            changed = false
        }
    }

    /// The texts the cache holds words for.
    var keys: [String] { lock.withLock { Array(entries.keys) } }

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

    /// Drops words no entry uses any more, so the vocabulary does not grow forever.
    private func compact() {
        let old = vocabulary
        vocabulary = []
        numbers = [:]
        entries = entries.mapValues { entry in
            Entry(title: entry.title.map { number(old[Int($0)]) }, text: entry.text.map { number(old[Int($0)]) })
        }
    }

    // MARK: - File format: a header, the vocabulary, then each entry's numbers

    private static let magic = "reportsite search words 1\n"

    private func encoded() -> [UInt8] {
        var out = Array((Self.magic + generator + "\n").utf8)
        func append(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
        func append(_ text: String) {
            append(UInt32(text.utf8.count))
            out.append(contentsOf: text.utf8)
        }
        append(UInt32(vocabulary.count))
        vocabulary.forEach(append)
        append(UInt32(entries.count))
        for (key, entry) in entries.sorted(by: { $0.key < $1.key }) {
            append(key)
            for list in [entry.title, entry.text] {
                append(UInt32(list.count))
                list.forEach(append)
            }
        }
        return out
    }

    private func loadIfNeeded() {
        guard !loaded else { return }
        loaded = true
        guard let file, let data = try? Data(contentsOf: file) else { return }
        let header = Array((Self.magic + generator + "\n").utf8)
        guard data.count >= header.count, data.prefix(header.count).elementsEqual(header) else { return }
        data.withUnsafeBytes { raw in
            var offset = header.count
            func read() -> UInt32? {
                guard offset + 4 <= raw.count else { return nil }
                defer { offset += 4 }
                return UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            }
            func readText() -> String? {
                guard let count = read().map(Int.init), offset + count <= raw.count else { return nil }
                defer { offset += count }
                return String(decoding: raw[offset..<offset + count], as: UTF8.self)
            }
            func readList() -> [UInt32]? {
                guard let count = read().map(Int.init), offset + 4 * count <= raw.count else { return nil }
                return (0..<count).map { _ in read()! }
            }
            guard let wordCount = read() else { return }
            var words: [String] = []
            for _ in 0..<wordCount {
                guard let word = readText() else { return }
                words.append(word)
            }
            guard let entryCount = read() else { return }
            var read: [String: Entry] = [:]
            for _ in 0..<entryCount {
                guard let key = readText(), let title = readList(), let text = readList(),
                    (title + text).allSatisfy({ Int($0) < words.count })
                else { return }
                read[key] = Entry(title: title, text: text)
            }
            vocabulary = words
            numbers = Dictionary(words.enumerated().map { ($1, UInt32($0)) }, uniquingKeysWith: { a, _ in a })
            entries = read
        }
    }
}
