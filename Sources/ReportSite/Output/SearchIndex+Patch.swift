import Foundation

extension SearchIndex {
    /// The new index made from the last one, when only a few documents changed.
    ///
    /// Gathering the postings of 10,000 documents and writing 14 MB of JSON
    /// took a quarter of a second of a one-document build, for an index that
    /// differs in a few words. Here the last index's bytes are copied, and
    /// only the arrays of the documents that changed and the postings of the
    /// words they gained or lost are written again. The result is the same
    /// bytes as writing the index whole (a test holds it to that).
    ///
    /// It starts only from the exact bytes its `Layout` describes, with the
    /// same documents in the same order; anything unexpected in those bytes
    /// and the index is written whole instead.
    struct Patch {
        let documents: [DocumentEntry]
        let keys: [String]
        let vocabulary: [String]
        let layout: Layout
        let old: [UInt8]
        /// The positions of the documents whose key changed, ascending.
        let changed: [Int]
        /// Their words in the last index.
        let oldWords: [SearchWordCache.Entry]

        /// `layout` must be the one `documents` were made with: an entry it
        /// lent (`fromLayout`) has its key, so it never counts as changed.
        init?(
            documents: [DocumentEntry], keys: [String], vocabulary: [String], layout: Layout, cache: SearchWordCache,
            previous: PreviousOutput
        ) {
            guard layout.documents.count == documents.count, !documents.isEmpty,
                previous.sha256(of: SearchIndex.path) == layout.digest
            else { return nil }
            let changed = documents.indices.filter { keys[$0] != layout.documents[$0].key }
            // Beyond this, writing the index whole is about as quick.
            guard changed.count <= max(16, documents.count / 20) else { return nil }
            var oldWords: [SearchWordCache.Entry] = []
            for position in changed {
                guard let words = cache.entry(layout.documents[position].wordsKey) else { return nil }
                oldWords.append(words)
            }
            guard let data = previous.contents(of: SearchIndex.path), data.count == layout.length else { return nil }
            self.documents = documents
            self.keys = keys
            self.vocabulary = vocabulary
            self.layout = layout
            self.old = [UInt8](data)
            self.changed = changed
            self.oldWords = oldWords
        }

        func apply() -> (bytes: [UInt8], layout: Layout)? {
            if changed.isEmpty {
                // The same bytes, but what the entries are made from may be
                // new (a template edit changes every page's site key): kept,
                // so the next build can lend them again.
                var next = layout
                next.documents = zip(layout.documents, documents).map { slot, document in
                    var slot = slot
                    slot.inputs = document.slotInputs
                    return slot
                }
                return (old, next)
            }
            guard let textOps = operations(\.text), let titleOps = operations(\.title) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(old.count + 64 * 1024)
            guard let ends = patchDocuments(into: &out) else { return nil }
            let textStart = out.count
            guard patchSection(layout.text, textOps, into: &out) else { return nil }
            let textEnd = out.count
            out += old[layout.text.upperBound..<layout.title.lowerBound]
            let titleStart = out.count
            guard patchSection(layout.title, titleOps, into: &out) else { return nil }
            let titleEnd = out.count
            out += old[layout.title.upperBound...]
            let slots = zip(documents, zip(keys, ends)).map {
                Layout.Slot(wordsKey: $0.wordsKey ?? "", key: $1.0, inputs: $0.slotInputs, end: $1.1)
            }
            let next = Layout(
                digest: IntegrityLock.sha256(Data(out)), length: out.count, text: textStart..<textEnd, title: titleStart..<titleEnd,
                documents: slots)
            return (out, next)
        }

        // MARK: - The documents

        /// Copies `docs` with the arrays of the changed documents written
        /// again, up to the `text` members; returns where each array now ends.
        private func patchDocuments(into out: inout [UInt8]) -> [Int]? {
            let opening = Array(#"{"docs":["#.utf8)
            let closing = Array(#"],"text":{"#.utf8)
            let slots = layout.documents
            guard old.starts(with: opening), slots.last!.end + closing.count == layout.text.lowerBound,
                old[slots.last!.end..<layout.text.lowerBound].elementsEqual(closing)
            else { return nil }
            var ends: [Int] = []
            ends.reserveCapacity(slots.count)
            var cursor = 0
            var shift = 0
            var next = changed.makeIterator()
            var position = next.next()
            for (index, slot) in slots.enumerated() {
                if index == position {
                    let start = index == 0 ? opening.count : slots[index - 1].end + 1
                    guard start < slot.end, start >= cursor, old[start] == UInt8(ascii: "["), old[slot.end - 1] == UInt8(ascii: "]")
                    else { return nil }
                    out += old[cursor..<start]
                    var writer = JSONWriter()
                    writer.array(documents[index].doc) { $0.string($1) }
                    out += writer.bytes
                    shift += writer.bytes.count - (slot.end - start)
                    cursor = slot.end
                    position = next.next()
                }
                ends.append(slot.end + shift)
            }
            out += old[cursor..<layout.text.lowerBound]
            return ends
        }

        // MARK: - The words

        /// A word whose postings change: the documents it leaves and joins.
        struct Operation {
            var word: String
            var remove: [Int]
            var add: [Int]
        }

        /// The words (title or other) that the changed documents gained or
        /// lost, in the index's order; nil if a word number is unknown.
        private func operations(_ words: KeyPath<SearchWordCache.Entry, [UInt32]>) -> [Operation]? {
            var byNumber: [UInt32: (remove: [Int], add: [Int])] = [:]
            for (old, position) in zip(oldWords, changed) {
                let before = Set(old[keyPath: words])
                let after = Set(documents[position].words[keyPath: words])
                for word in before.subtracting(after) { byNumber[word, default: ([], [])].remove.append(position) }
                for word in after.subtracting(before) { byNumber[word, default: ([], [])].add.append(position) }
            }
            guard byNumber.keys.allSatisfy({ Int($0) < vocabulary.count }) else { return nil }
            return byNumber.map { Operation(word: vocabulary[Int($0.key)], remove: $0.value.remove, add: $0.value.add) }
                .sorted { $0.word < $1.word }
        }

        /// Copies the members of a word object, with the postings of the
        /// words in `operations` written again (or left out when empty, or
        /// put in their place when new).
        private func patchSection(_ range: Range<Int>, _ operations: [Operation], into out: inout [UInt8]) -> Bool {
            let section = Section(bytes: old, range: range)
            var cursor = range.lowerBound
            var first = true
            func emit<C: Collection>(_ bytes: C) where C.Element == UInt8 {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                out += bytes
            }
            for operation in operations {
                guard let (start, record) = section.lowerBound(operation.word, from: cursor) else { return false }
                if start > cursor { emit(old[cursor..<(start == range.upperBound ? start : start - 1)]) }
                var numbers: Set<Int> = []
                if let record, record.word == operation.word {
                    guard let known = section.numbers(record) else { return false }
                    numbers = known
                    cursor = section.after(record)
                } else {
                    cursor = start
                }
                for position in operation.remove {
                    guard numbers.remove(position) != nil else { return false }
                }
                for position in operation.add {
                    guard numbers.insert(position).inserted else { return false }
                }
                if !numbers.isEmpty {
                    var writer = JSONWriter()
                    writer.string(operation.word)
                    writer.raw(":")
                    writer.array(SearchIndex.deltas(Array(numbers))) { $0.int($1) }
                    emit(writer.bytes)
                }
            }
            if cursor < range.upperBound { emit(old[cursor..<range.upperBound]) }
            return true
        }
    }

    /// The members of a word object as written: `"word":[deltas]`, sorted by
    /// word and joined by commas. Words are folded letters and digits, so a
    /// quote, comma or bracket is never part of one, and `],"` always starts a member.
    struct Section {
        let bytes: [UInt8]
        let range: Range<Int>

        struct Record {
            var start: Int
            var word: String
            var numbers: Range<Int>
            /// The byte after the closing `]`.
            var end: Int
        }

        /// Where the next member starts after `record` (the section's end after the last).
        func after(_ record: Record) -> Int {
            record.end == range.upperBound ? record.end : record.end + 1
        }

        /// The member starting at `start`, checked as far as it is read.
        func record(at start: Int) -> Record? {
            guard start < range.upperBound, bytes[start] == UInt8(ascii: "\"") else { return nil }
            var close = start + 1
            while close < range.upperBound, bytes[close] != UInt8(ascii: "\"") {
                guard bytes[close] != UInt8(ascii: "\\") else { return nil }
                close += 1
            }
            guard close + 2 < range.upperBound, bytes[close + 1] == UInt8(ascii: ":"), bytes[close + 2] == UInt8(ascii: "[") else {
                return nil
            }
            var end = close + 3
            while end < range.upperBound, bytes[end] != UInt8(ascii: "]") { end += 1 }
            guard end < range.upperBound else { return nil }
            end += 1
            guard end == range.upperBound || bytes[end] == UInt8(ascii: ",") else { return nil }
            let word = String(decoding: bytes[(start + 1)..<close], as: UTF8.self)
            return Record(start: start, word: word, numbers: (close + 3)..<(end - 1), end: end)
        }

        /// The first member at or after byte `from` that starts before `limit`.
        func nextStart(from: Int, before limit: Int) -> Int? {
            var index = max(from, range.lowerBound + 2)
            while index < limit {
                if bytes[index] == UInt8(ascii: "\""), bytes[index - 1] == UInt8(ascii: ","), bytes[index - 2] == UInt8(ascii: "]") {
                    return index
                }
                index += 1
            }
            return nil
        }

        /// The first member from `from` (a member's start) whose word is not
        /// before `word`, found by halving the bytes: its start (the section's
        /// end if there is none) and the member itself.
        func lowerBound(_ word: String, from: Int) -> (Int, Record?)? {
            var low = from
            var high = range.upperBound
            // Every member starting before `low` is before `word`; every
            // member starting at `high` or after is not.
            while high - low > 512 {
                guard let middle = nextStart(from: low + (high - low) / 2, before: high) else { break }
                guard let record = record(at: middle) else { return nil }
                if record.word < word { low = after(record) } else { high = middle }
            }
            var start = low
            while start < high {
                guard let record = record(at: start) else { return nil }
                if !(record.word < word) { return (start, record) }
                start = after(record)
            }
            guard high < range.upperBound else { return (high, nil) }
            guard let record = record(at: high) else { return nil }
            return (high, record)
        }

        /// The document numbers of a member, from its deltas.
        func numbers(_ record: Record) -> Set<Int>? {
            var numbers: Set<Int> = []
            var total = 0
            var value = 0
            var digits = 0
            for index in record.numbers.lowerBound...record.numbers.upperBound {
                let byte = index < record.numbers.upperBound ? bytes[index] : UInt8(ascii: ",")
                if byte == UInt8(ascii: ",") {
                    guard digits > 0 else { return nil }
                    total += value
                    numbers.insert(total)
                    value = 0
                    digits = 0
                } else {
                    guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte), digits < 18 else { return nil }
                    value = value * 10 + Int(byte - UInt8(ascii: "0"))
                    digits += 1
                }
            }
            return numbers
        }
    }
}
