import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - The file: a header, then batches appended one after another

/// `search-words.bin` is a journal. A header names the generator; each
/// batch after it adds words to the vocabulary, removes the entries of texts
/// that went away and adds the entries of new texts. A build that changed
/// one document appends a batch of a few hundred bytes instead of writing
/// all 13 MB of a 10,000-document site again (0.13 s on one core).
///
/// Each batch starts with its length and with the vocabulary size it was
/// numbered from. A batch torn by a crash ends the file as read, and the
/// next save writes the whole file again. A batch another build appended
/// from the same starting point, numbering its new words the same way, does
/// not fit and is skipped: its texts are simply tokenised again. Removed
/// entries stay in the file until they are a quarter of the live ones; then
/// the whole file is written again, as it is when the vocabulary is renumbered.
struct SavedFile {
    /// Bytes of the file as read or written: an append expects exactly this many.
    var length: Int
    /// Vocabulary size the file holds.
    var words: Int
    /// Entries the file holds.
    var keys: Set<String>
    /// Entries still in the file that a later batch removed.
    var deadEntries: Int

    private static let magic = "reportsite search words 2\n"

    static func header(_ generator: String) -> [UInt8] {
        Array((magic + generator + "\n").utf8)
    }

    /// The whole file: the header and one batch from an empty vocabulary.
    static func whole(generator: String, vocabulary: [String], entries: [String: SearchWordCache.Entry]) -> [UInt8] {
        header(generator) + batch(base: 0, words: vocabulary[...], removed: [], entries: entries, keys: entries.keys.sorted())
    }

    /// This file with a batch appended for what changed since, or nil when
    /// the whole file should be written instead: too much of it is dead, or
    /// it is no longer the file this cache read (another build wrote it).
    func appending(vocabulary: [String], entries: [String: SearchWordCache.Entry], to path: String) -> SavedFile? {
        guard words <= vocabulary.count else { return nil }
        let removed = keys.filter { entries[$0] == nil }.sorted()
        let added = entries.keys.filter { !keys.contains($0) }.sorted()
        guard deadEntries + removed.count <= entries.count / 4 else { return nil }
        let bytes = Self.batch(base: words, words: vocabulary[words...], removed: removed, entries: entries, keys: added)
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, Int(info.st_size) == length else { return nil }
        // One write, so a batch another build appends at the same moment
        // lands before or after this one, not inside it.
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress!, $0.count) }
        guard written == bytes.count else { return nil }
        var next = self
        next.length += bytes.count
        next.words = vocabulary.count
        next.keys = Set(entries.keys)
        next.deadEntries += removed.count
        return next
    }

    /// A batch: its byte length, then the vocabulary size it starts from,
    /// the new words, the removed keys and the added entries.
    private static func batch(
        base: Int, words: ArraySlice<String>, removed: [String], entries: [String: SearchWordCache.Entry], keys: [String]
    ) -> [UInt8] {
        var out: [UInt8] = [0, 0, 0, 0]
        func append(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
        func append(_ text: String) {
            append(UInt32(text.utf8.count))
            out.append(contentsOf: text.utf8)
        }
        append(UInt32(base))
        append(UInt32(words.count))
        words.forEach(append)
        append(UInt32(removed.count))
        removed.forEach(append)
        append(UInt32(keys.count))
        for key in keys {
            let entry = entries[key]!
            append(key)
            for list in [entry.title, entry.text] {
                append(UInt32(list.count))
                list.forEach(append)
            }
        }
        let length = UInt32(out.count - 4).littleEndian
        withUnsafeBytes(of: length) { out.replaceSubrange(0..<4, with: $0) }
        return out
    }

    /// What the file at `path` holds, if it is this generator's.
    static func read(_ path: String, generator: String) -> (vocabulary: [String], entries: [String: SearchWordCache.Entry], saved: SavedFile?)? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let header = header(generator)
        guard data.count >= header.count, data.prefix(header.count).elementsEqual(header) else { return nil }
        var vocabulary: [String] = []
        var entries: [String: SearchWordCache.Entry] = [:]
        var dead = 0
        var end = header.count
        data.withUnsafeBytes { raw in
            var reader = BatchReader(raw: raw, offset: header.count, end: raw.count)
            while let length = reader.read().map(Int.init), reader.offset + length <= raw.count {
                reader.end = reader.offset + length
                guard let batch = reader.batch() else { break }
                let size = vocabulary.count + batch.words.count
                if batch.base == vocabulary.count, batch.entries.values.allSatisfy({
                    $0.title.allSatisfy { Int($0) < size } && $0.text.allSatisfy { Int($0) < size }
                }) {
                    vocabulary += batch.words
                    for key in batch.removed where entries.removeValue(forKey: key) != nil { dead += 1 }
                    entries.merge(batch.entries) { _, new in new }
                } else {
                    dead += batch.entries.count
                }
                reader.offset = reader.end
                reader.end = raw.count
                end = reader.offset
            }
        }
        // Bytes after the last whole batch: the next save writes the file again.
        let saved = end == data.count
            ? SavedFile(length: end, words: vocabulary.count, keys: Set(entries.keys), deadEntries: dead)
            : nil
        return (vocabulary, entries, saved)
    }
}

/// Reads one batch, bounds-checked: a damaged batch reads as nil.
private struct BatchReader {
    let raw: UnsafeRawBufferPointer
    var offset: Int
    var end: Int

    mutating func read() -> UInt32? {
        guard offset + 4 <= end else { return nil }
        defer { offset += 4 }
        return UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    mutating func text() -> String? {
        guard let count = read().map(Int.init), offset + count <= end else { return nil }
        defer { offset += count }
        return String(decoding: raw[offset..<offset + count], as: UTF8.self)
    }

    mutating func list() -> [UInt32]? {
        guard let count = read().map(Int.init), offset + 4 * count <= end else { return nil }
        return (0..<count).map { _ in read()! }
    }

    mutating func texts() -> [String]? {
        guard let count = read() else { return nil }
        var texts: [String] = []
        for _ in 0..<count {
            guard let text = text() else { return nil }
            texts.append(text)
        }
        return texts
    }

    /// The batch from `offset` to `end`, which it must fill exactly.
    mutating func batch() -> (base: Int, words: [String], removed: [String], entries: [String: SearchWordCache.Entry])? {
        guard let base = read(), let words = texts(), let removed = texts(), let count = read() else { return nil }
        var entries: [String: SearchWordCache.Entry] = [:]
        for _ in 0..<count {
            guard let key = text(), let title = list(), let text = list() else { return nil }
            entries[key] = SearchWordCache.Entry(title: title, text: text)
        }
        guard offset == end else { return nil }
        return (Int(base), words, removed, entries)
    }
}
