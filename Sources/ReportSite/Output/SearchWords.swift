import Foundation

/// The words search matches on, found byte by byte.
///
/// Tokenising every document's text was a tenth of a clean build's work,
/// most of it making a `String` for every word and hashing it into a `Set`
/// only to drop the repeats. Here a word is folded into a reused buffer, a
/// repeat costs one hash and one compare, and only distinct words become
/// strings. Rendered HTML is read in place: tags are skipped and the
/// entities cmark-gfm writes end a word, as the characters they stand for do.
struct SearchWords {
    private var arena: [UInt8] = []
    private var spans: [(start: Int, count: Int, hash: Int)] = []
    /// Open addressing: an index into `spans`, or -1.
    private var slots = [Int](repeating: -1, count: 64)

    /// Adds the words of plain text.
    mutating func add(_ text: String) {
        Self.scan(text, html: false) { insert($0) }
    }

    /// Adds the words of an HTML fragment's text.
    mutating func add(html: String) {
        Self.scan(html, html: true) { insert($0) }
    }

    /// The distinct words in the order they first came, stop words left out.
    var words: [String] {
        spans.compactMap { span in
            let word = String(decoding: arena[span.start..<span.start + span.count], as: UTF8.self)
            return span.count > SearchIndex.longestStopWord || !SearchIndex.stopWords.contains(word) ? word : nil
        }
    }

    private mutating func insert(_ word: UnsafeBufferPointer<UInt8>) {
        // FNV-1a: words are short, and this runs for every word of every body.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let key = Int(truncatingIfNeeded: hash)
        let mask = slots.count - 1
        var slot = key & mask
        while slots[slot] >= 0 {
            let span = spans[slots[slot]]
            if span.hash == key, span.count == word.count,
                arena.withUnsafeBufferPointer({ memcmp($0.baseAddress! + span.start, word.baseAddress!, word.count) == 0 })
            {
                return
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = spans.count
        spans.append((arena.count, word.count, key))
        arena.append(contentsOf: word)
        if spans.count * 2 > slots.count { grow() }
    }

    private mutating func grow() {
        slots = [Int](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, span) in spans.enumerated() {
            var slot = span.hash & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = index
        }
    }

    // MARK: - Scanning

    /// Calls `found` with each word of `text`, folded (lower case, accents
    /// removed), if it has at least `SearchIndex.minimumWordLength` bytes.
    /// Stop words are not dropped here. With `html`, `<…>` is skipped and
    /// an entity (`&amp;`, `&lt;`, …) ends a word.
    static func scan(_ text: String, html: Bool, _ found: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            var word = WordBuffer()
            defer { word.deallocate() }
            let asciiFold = Self.asciiFold
            func finish() {
                if word.count >= SearchIndex.minimumWordLength { found(word.bytes) }
                word.count = 0
            }
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                guard byte >= 0x80 else {
                    // Most bytes are ASCII letters: one table lookup each.
                    let folded = asciiFold[Int(byte)]
                    if folded != 0 {
                        word.append(folded)
                    } else if html, byte == UInt8(ascii: "<") {
                        finish()
                        while index < bytes.count, bytes[index] != UInt8(ascii: ">") { index += 1 }
                    } else if html, byte == UInt8(ascii: "&") {
                        finish()
                        index += entityLength(bytes, at: index) - 1
                    } else {
                        finish()
                    }
                    index += 1
                    continue
                }
                let (scalar, length) = scalar(in: bytes, at: index)
                index += length
                if scalar.properties.isAlphabetic {
                    for byte in folded(scalar) { word.append(byte) }
                } else if scalar.properties.generalCategory == .decimalNumber {
                    for byte in String(scalar).utf8 { word.append(byte) }
                } else {
                    finish()
                }
            }
            finish()
        }
    }

    /// An ASCII byte as it is in a word (letters in lower case, digits as
    /// they are), or 0 where it ends one.
    private static let asciiFold: [UInt8] = (0..<128).map { byte in
        switch UInt8(byte) {
        case 0x61...0x7A, 0x30...0x39: UInt8(byte)
        case 0x41...0x5A: UInt8(byte) + 0x20
        default: 0
        }
    }

    /// The word being read: raw bytes that grow by doubling, so appending
    /// a byte is a store, not an array's uniqueness and capacity checks.
    private struct WordBuffer {
        private var start = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
        private var capacity = 64
        var count = 0

        var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }

        mutating func append(_ byte: UInt8) {
            if count == capacity {
                let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                larger.update(from: start, count: count)
                start.deallocate()
                start = larger
                capacity *= 2
            }
            start[count] = byte
            count += 1
        }

        func deallocate() { start.deallocate() }
    }

    /// The entities `HTMLScan.unescape` reads; every one stands for a character that ends a word.
    private static let entities: [[UInt8]] = HTMLScan.entities.map { Array($0.0.utf8) }

    /// The length of the entity at `index`, or 1 for a lone `&`.
    private static func entityLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        for entity in entities where index + entity.count <= bytes.count {
            if entity.indices.allSatisfy({ bytes[index + $0] == entity[$0] }) { return entity.count }
        }
        return 1
    }

    /// Decodes the scalar whose first byte (not ASCII) is at `index`; the
    /// bytes are a `String`'s, so they are valid UTF-8.
    private static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(bytes[index])
        let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        var value = lead & (0xFF >> (length + 1))
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    private static let englishLocale = Locale(identifier: "en_GB")

    private static func folded(_ scalar: Unicode.Scalar) -> String.UTF8View {
        String(scalar).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: englishLocale).utf8
    }
}
