import Crypto
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
        /// The words of one document, title apart.
        struct Words {
            var title: [String]
            var text: [String]
        }

        /// A document whose part of the index changed: its position, its
        /// new array in `docs`, and its words before and after.
        struct Change {
            var position: Int
            var doc: [String]
            var before: Words
            var after: Words
        }

        let layout: Layout
        /// The last index's bytes, as `previous` holds them (mapped, not copied).
        let old: Data
        /// By position, ascending.
        let changes: [Change]
        /// Every document's slot as it will be (its `end` is worked out here).
        let slots: [Layout.Slot]

        /// `layout` must be the one `documents` were made with: an entry it
        /// lent (`fromLayout`) has its key, so it never counts as changed.
        init?(
            documents: [DocumentEntry], keys: [String], vocabulary: [String], layout: Layout, cache: SearchWordCache,
            previous: PreviousOutput
        ) {
            guard layout.documents.count == documents.count, !documents.isEmpty else { return nil }
            let changed = documents.indices.filter { keys[$0] != layout.documents[$0].key }
            // Beyond this, writing the index whole is about as quick.
            guard changed.count <= max(16, documents.count / 20) else { return nil }
            func words(_ entry: SearchWordCache.Entry) -> Words? {
                guard entry.title.allSatisfy({ Int($0) < vocabulary.count }), entry.text.allSatisfy({ Int($0) < vocabulary.count })
                else { return nil }
                return Words(title: entry.title.map { vocabulary[Int($0)] }, text: entry.text.map { vocabulary[Int($0)] })
            }
            var changes: [Change] = []
            for position in changed {
                guard let before = cache.entry(layout.documents[position].wordsKey).flatMap(words),
                    let after = words(documents[position].words)
                else { return nil }
                changes.append(Change(position: position, doc: documents[position].doc, before: before, after: after))
            }
            let slots = zip(documents, keys).map { document, key in
                Layout.Slot(wordsKey: document.wordsKey ?? "", key: key, inputs: document.slotInputs, end: 0)
            }
            self.init(changes: changes, slots: slots, layout: layout, previous: previous)
        }

        /// The patch of the index `layout` describes, as `previous` holds
        /// it, by `changes`; nil unless that index is there as it was written.
        init?(changes: [Change], slots: [Layout.Slot], layout: Layout, previous: PreviousOutput) {
            guard slots.count == layout.documents.count, !slots.isEmpty, previous.sha256(of: SearchIndex.path) == layout.digest,
                let data = previous.mappedContents(of: SearchIndex.path), data.count == layout.length
            else { return nil }
            self.layout = layout
            self.old = data
            self.changes = changes.sorted { $0.position < $1.position }
            self.slots = slots
        }

        func apply() -> Patched? {
            if changes.isEmpty {
                // The same bytes, but what the entries are made from may be
                // new (a template edit changes every page's site key): kept,
                // so the next build can lend them again.
                var next = layout
                next.documents = zip(layout.documents, slots).map { slot, new in
                    var slot = slot
                    slot.inputs = new.inputs
                    return slot
                }
                var runs = ByteRuns()
                runs.append(old: 0..<old.count)
                return Patched(old: old, runs: runs, layout: next)
            }
            let textOps = operations(\.text), titleOps = operations(\.title)
            return old.withUnsafeBytes { raw -> Patched? in
                let old = raw.bindMemory(to: UInt8.self)
                var out = ByteRuns()
                guard let ends = patchDocuments(old, into: &out) else { return nil }
                let textStart = out.count
                guard patchSection(old, layout.text, textOps, into: &out) else { return nil }
                let textEnd = out.count
                out.append(old: layout.text.upperBound..<layout.title.lowerBound)
                let titleStart = out.count
                guard patchSection(old, layout.title, titleOps, into: &out) else { return nil }
                let titleEnd = out.count
                out.append(old: layout.title.upperBound..<old.count)
                let next = Layout(
                    digest: Self.digest(out, old: old), length: out.count, text: textStart..<textEnd, title: titleStart..<titleEnd,
                    documents: zip(slots, ends).map { slot, end in
                        var slot = slot
                        slot.end = end
                        return slot
                    })
                return Patched(old: self.old, runs: out, layout: next)
            }
        }

        static func digest(_ runs: ByteRuns, old: UnsafeBufferPointer<UInt8>) -> String {
            var hash = SHA256()
            runs.forEach(old: old) { hash.update(bufferPointer: UnsafeRawBufferPointer($0)) }
            return Text.hex(hash.finalize())
        }

        // MARK: - The documents

        /// Copies `docs` with the arrays of the changed documents written
        /// again, up to the `text` members; returns where each array now ends.
        private func patchDocuments(_ old: UnsafeBufferPointer<UInt8>, into out: inout ByteRuns) -> [Int]? {
            let opening = Array(#"{"docs":["#.utf8)
            let closing = Array(#"],"text":{"#.utf8)
            let oldSlots = layout.documents
            guard old.starts(with: opening), oldSlots.last!.end + closing.count == layout.text.lowerBound,
                old[oldSlots.last!.end..<layout.text.lowerBound].elementsEqual(closing)
            else { return nil }
            var ends: [Int] = []
            ends.reserveCapacity(oldSlots.count)
            var cursor = 0
            var shift = 0
            var next = changes.makeIterator()
            var change = next.next()
            for (index, slot) in oldSlots.enumerated() {
                if index == change?.position {
                    let start = index == 0 ? opening.count : oldSlots[index - 1].end + 1
                    guard start < slot.end, start >= cursor, old[start] == UInt8(ascii: "["), old[slot.end - 1] == UInt8(ascii: "]")
                    else { return nil }
                    out.append(old: cursor..<start)
                    var writer = JSONWriter()
                    writer.array(change!.doc) { $0.string($1) }
                    out.append(writer.bytes)
                    shift += writer.bytes.count - (slot.end - start)
                    cursor = slot.end
                    change = next.next()
                }
                ends.append(slot.end + shift)
            }
            out.append(old: cursor..<layout.text.lowerBound)
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
        /// lost, in the index's order.
        private func operations(_ words: KeyPath<Words, [String]>) -> [Operation] {
            var byWord: [String: (remove: [Int], add: [Int])] = [:]
            for change in changes {
                let before = Set(change.before[keyPath: words])
                let after = Set(change.after[keyPath: words])
                for word in before.subtracting(after) { byWord[word, default: ([], [])].remove.append(change.position) }
                for word in after.subtracting(before) { byWord[word, default: ([], [])].add.append(change.position) }
            }
            return byWord.map { Operation(word: $0.key, remove: $0.value.remove, add: $0.value.add) }.sorted { $0.word < $1.word }
        }

        /// Copies the members of a word object, with the postings of the
        /// words in `operations` written again (or left out when empty, or
        /// put in their place when new).
        private func patchSection(
            _ old: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ operations: [Operation], into out: inout ByteRuns
        ) -> Bool {
            let section = Section(bytes: old, range: range)
            var cursor = range.lowerBound
            var first = true
            func comma() {
                if !first { out.append([UInt8(ascii: ",")]) }
                first = false
            }
            for operation in operations {
                guard let (start, record) = section.lowerBound(operation.word, from: cursor) else { return false }
                if start > cursor {
                    comma()
                    out.append(old: cursor..<(start == range.upperBound ? start : start - 1))
                }
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
                    comma()
                    out.append(writer.bytes)
                }
            }
            if cursor < range.upperBound {
                comma()
                out.append(old: cursor..<range.upperBound)
            }
            return true
        }
    }

    /// The members of a word object as written: `"word":[deltas]`, sorted by
    /// word and joined by commas. Words are folded letters and digits, so a
    /// quote, comma or bracket is never part of one, and `],"` always starts a member.
    struct Section {
        let bytes: UnsafeBufferPointer<UInt8>
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

extension SearchIndex {
    /// A patch applied: the new index's bytes (as runs of the old) and layout.
    struct Patched {
        let old: Data
        let runs: ByteRuns
        let layout: Layout

        /// The new index in one buffer.
        var bytes: [UInt8] {
            old.withUnsafeBytes { runs.bytes(old: $0.bindMemory(to: UInt8.self)) }
        }

        /// Writes the new index to `path`, straight from the runs.
        func write(to path: String) throws {
            try old.withUnsafeBytes { try runs.write(to: path, old: $0.bindMemory(to: UInt8.self)) }
        }
    }
}
