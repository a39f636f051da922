import Crypto
import Foundation

extension SearchIndex {
    /// Where the parts of the last search index written lie, kept by the
    /// search-word cache so that the next build can patch that index in
    /// place (see `Patch`) instead of writing it whole.
    struct Layout: Equatable {
        /// One document of the index, by position.
        struct Slot: Equatable {
            /// Its words' key in the search-word cache.
            var wordsKey: String
            /// The key of its words and its array in `docs` together.
            var key: String
            /// What its entry was made from (`SearchIndex.inputsKey`), or `noInputs`.
            var inputs: String
            /// Where its array in `docs` ends (the byte after its `]`).
            var end: Int

            /// The inputs of an entry made without a site key: matches no key.
            static let noInputs = String(repeating: "-", count: 64)
        }

        /// SHA-256 of the JSON: a patch starts only from these very bytes.
        var digest: String
        var length: Int
        /// The members of the `text` and `title` objects, without the braces.
        var text: Range<Int>
        var title: Range<Int>
        var documents: [Slot]
    }
}

// MARK: - The file

/// `.reportsite-cache/search-words.layout`: a header naming the generator,
/// the layout in fixed-size fields, then the SHA-256 of those fields. A file
/// that is short, long, from another generator or whose digest is wrong is
/// not used (the index is then written whole).
extension SearchIndex.Layout {
    private static let magic = "reportsite search layout 2\n"
    private static let keyLength = 64

    private static func header(_ generator: String) -> [UInt8] {
        Array((magic + generator + "\n").utf8)
    }

    /// Built and read straight in bytes: through arrays of keys and slices,
    /// the 2 MB of a large site's layout were 6 % of a quick build's CPU time.
    func encoded(generator: String) -> [UInt8]? {
        guard digest.utf8.count == Self.keyLength,
            documents.allSatisfy({
                $0.wordsKey.utf8.count == Self.keyLength && $0.key.utf8.count == Self.keyLength && $0.inputs.utf8.count == Self.keyLength
            })
        else { return nil }
        var file = Self.header(generator)
        let bodyStart = file.count
        file.reserveCapacity(bodyStart + Self.keyLength + 48 + documents.count * (3 * Self.keyLength + 8) + 32)
        func append(_ number: Int) { withUnsafeBytes(of: UInt64(number).littleEndian) { file.append(contentsOf: $0) } }
        file.append(contentsOf: digest.utf8)
        for number in [length, text.lowerBound, text.upperBound, title.lowerBound, title.upperBound, documents.count] { append(number) }
        for slot in documents {
            file.append(contentsOf: slot.wordsKey.utf8)
            file.append(contentsOf: slot.key.utf8)
            file.append(contentsOf: slot.inputs.utf8)
            append(slot.end)
        }
        let hash = file.withUnsafeBufferPointer { SHA256.hash(data: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: $0[bodyStart...]))) }
        file.append(contentsOf: hash)
        return file
    }

    /// Read, not mapped: the file is rewritten in place (see `SearchWordCache.saveLayout`),
    /// and a mapped file cut short by another process's build would fault.
    static func read(_ path: String, generator: String) -> Self? {
        PlainFile.withContents(path) { read($0.bindMemory(to: UInt8.self), generator: generator) } ?? nil
    }

    private static func read(_ bytes: UnsafeBufferPointer<UInt8>, generator: String) -> Self? {
        let header = header(generator)
        guard bytes.count >= header.count + 32, bytes.starts(with: header) else { return nil }
        let body = UnsafeBufferPointer(rebasing: bytes[header.count..<(bytes.count - 32)])
        guard SHA256.hash(data: UnsafeRawBufferPointer(body)).elementsEqual(bytes.suffix(32)) else { return nil }
        var offset = 0
        func key() -> String? {
            guard offset + keyLength <= body.count else { return nil }
            defer { offset += keyLength }
            return String(decoding: UnsafeBufferPointer(rebasing: body[offset..<(offset + keyLength)]), as: UTF8.self)
        }
        func number() -> Int? {
            guard offset + 8 <= body.count else { return nil }
            defer { offset += 8 }
            return Int(exactly: UInt64(littleEndian: UnsafeRawBufferPointer(body).loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
        }
        guard let digest = key(), let length = number(), let textStart = number(), let textEnd = number(),
            let titleStart = number(), let titleEnd = number(), let count = number(),
            textStart <= textEnd, titleStart <= titleEnd, count == (body.count - offset) / (3 * keyLength + 8)
        else { return nil }
        var documents: [Slot] = []
        documents.reserveCapacity(count)
        for _ in 0..<count {
            guard let wordsKey = key(), let documentKey = key(), let inputs = key(), let end = number() else { return nil }
            documents.append(Slot(wordsKey: wordsKey, key: documentKey, inputs: inputs, end: end))
        }
        guard offset == body.count else { return nil }
        return Self(digest: digest, length: length, text: textStart..<textEnd, title: titleStart..<titleEnd, documents: documents)
    }
}
