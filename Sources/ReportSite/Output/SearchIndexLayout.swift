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

    func encoded(generator: String) -> [UInt8]? {
        let keys = [digest] + documents.flatMap { [$0.wordsKey, $0.key, $0.inputs] }
        guard keys.allSatisfy({ $0.utf8.count == Self.keyLength }) else { return nil }
        var body: [UInt8] = []
        body.reserveCapacity(Self.keyLength + 48 + documents.count * (3 * Self.keyLength + 8))
        func append(_ number: Int) { withUnsafeBytes(of: UInt64(number).littleEndian) { body.append(contentsOf: $0) } }
        body.append(contentsOf: digest.utf8)
        for number in [length, text.lowerBound, text.upperBound, title.lowerBound, title.upperBound, documents.count] { append(number) }
        for slot in documents {
            body.append(contentsOf: slot.wordsKey.utf8)
            body.append(contentsOf: slot.key.utf8)
            body.append(contentsOf: slot.inputs.utf8)
            append(slot.end)
        }
        return Self.header(generator) + body + Array(SHA256.hash(data: body))
    }

    static func read(_ path: String, generator: String) -> Self? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let header = header(generator)
        let bytes = [UInt8](data)
        guard bytes.count >= header.count + 32, bytes.starts(with: header) else { return nil }
        let body = bytes[header.count..<(bytes.count - 32)]
        guard Array(SHA256.hash(data: body)) == Array(bytes.suffix(32)) else { return nil }
        var offset = body.startIndex
        func key() -> String? {
            guard offset + keyLength <= body.endIndex else { return nil }
            defer { offset += keyLength }
            return String(decoding: body[offset..<(offset + keyLength)], as: UTF8.self)
        }
        func number() -> Int? {
            guard offset + 8 <= body.endIndex else { return nil }
            var value: UInt64 = 0
            for shift in 0..<8 { value |= UInt64(body[offset + shift]) << (8 * UInt64(shift)) }
            offset += 8
            return Int(exactly: value)
        }
        guard let digest = key(), let length = number(), let textStart = number(), let textEnd = number(),
            let titleStart = number(), let titleEnd = number(), let count = number(),
            textStart <= textEnd, titleStart <= titleEnd, count == (body.endIndex - offset) / (3 * keyLength + 8)
        else { return nil }
        var documents: [Slot] = []
        documents.reserveCapacity(count)
        for _ in 0..<count {
            guard let wordsKey = key(), let documentKey = key(), let inputs = key(), let end = number() else { return nil }
            documents.append(Slot(wordsKey: wordsKey, key: documentKey, inputs: inputs, end: end))
        }
        guard offset == body.endIndex else { return nil }
        return Self(digest: digest, length: length, text: textStart..<textEnd, title: titleStart..<titleEnd, documents: documents)
    }
}
