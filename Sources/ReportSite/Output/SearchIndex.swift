import Foundation

/// `/search-index.json`: a compact index for the site's own offline search
/// (`assets/search.js`). No server, no external service.
///
/// Words are folded (lower case, accents and punctuation removed) and matched
/// by prefix, so "safeguard" finds "safeguarding" and "Hub" finds "hubs".
/// Title words are indexed apart from the rest, so title matches rank first.
/// The body is indexed as a set of distinct words per document (no positions,
/// no counts), which keeps the index a small fraction of the site's HTML.
enum SearchIndex {
    struct Index: Codable, Equatable {
        /// Format version.
        var v: Int
        /// Per document: title, URL, kind, ISO date (or ""), snippet text.
        var docs: [[String]]
        /// Title word → ascending document numbers, delta-encoded.
        var title: [String: [Int]]
        /// Other word (summary, topics, organisation, headings, body) → same.
        var text: [String: [Int]]
    }

    static let minimumWordLength = 2
    /// Words too common to help find anything.
    static let stopWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is", "it", "its",
        "of", "on", "or", "that", "the", "this", "to", "was", "were", "which", "with", "will",
    ]

    /// The longest stop word: longer words need no lookup.
    static let longestStopWord = stopWords.map(\.utf8.count).max() ?? 0

    /// One document's part of the index.
    struct DocumentEntry {
        /// Title, URL, kind, ISO date, snippet.
        var doc: [String]
        /// The key of its words in the search-word cache (nil without a cache).
        var wordsKey: String?
        /// The key of `doc` and its words together: the same key, the same
        /// part of the index (see `Layout`).
        var key: String?
        var words: SearchWordCache.Entry
        /// What the entry is made from, in whole documents (see `inputsKey`).
        var inputs: String?
        /// Taken from the last index's layout by its `inputs`, without `doc`
        /// or `words`: only a patch, which copies its part, can use it.
        var fromLayout = false

        /// `inputs` as a layout keeps them.
        var slotInputs: String { inputs ?? Layout.Slot.noInputs }
    }

    static func build(_ graph: SiteGraph, cache: SearchWordCache? = nil) -> Index {
        let (documents, vocabulary) = entries(graph, cache: cache)
        cache?.finish(keeping: Set(documents.compactMap(\.wordsKey)))
        return index(documents, vocabulary: vocabulary)
    }

    /// Each document's entry, and the words their numbers stand for. With a
    /// `siteKey` and the `layout` of the last index, a document made from the
    /// same inputs at the same position keeps its part's keys from there.
    static func entries(
        _ graph: SiteGraph, cache: SearchWordCache?, siteKey: String? = nil, layout: Layout? = nil
    ) -> (documents: [DocumentEntry], vocabulary: [String]) {
        let documents = graph.publications
        let slots = layout.flatMap { $0.documents.count == documents.count ? $0.documents : nil }
        // Words are numbered in the cache's vocabulary, so postings are
        // gathered by number, not by hashing every word of every document.
        let numbering = cache ?? SearchWordCache()
        // Each document's words on every core (or from the cache, when its
        // text is as a previous build saw it).
        let entries = ParallelMap.map(Array(documents.indices)) { position -> DocumentEntry in
            let document = documents[position]
            let inputs = cache == nil ? nil : siteKey.flatMap { inputsKey(site: $0, document: document) }
            // Building the texts and hashing them for 10,000 documents, to
            // find 9,999 unchanged, was a fifth of a one-document build's CPU.
            if let inputs, let slot = slots?[position], slot.inputs == inputs {
                return DocumentEntry(
                    doc: [], wordsKey: slot.wordsKey, key: slot.key, words: .init(title: [], text: []), inputs: inputs, fromLayout: true)
            }
            let texts = Texts(document, graph: graph)
            // The key takes the body by its digest: the body is read back
            // and its words found only when they are not in the cache.
            let wordsKey = cache.map { _ in texts.wordsKey }
            let key = wordsKey.map { texts.key(wordsKey: $0) }
            if let wordsKey, let cached = numbering.entry(wordsKey) {
                return DocumentEntry(doc: texts.doc, wordsKey: wordsKey, key: key, words: cached, inputs: inputs)
            }
            let found = texts.words()
            let words = numbering.number(wordsKey, title: found.title, text: found.text)
            return DocumentEntry(doc: texts.doc, wordsKey: wordsKey, key: key, words: words, inputs: inputs)
        }
        return (entries, numbering.vocabularySnapshot())
    }

    /// What one document gives the index: its array in `docs`, and the
    /// texts its words come from.
    struct Texts {
        /// Title, URL, kind, ISO date, snippet.
        let doc: [String]
        let title: String
        /// Snippet, organisation, topics, and what its kind adds.
        let fields: [String]
        let body: DocumentBody

        init(_ document: Document, graph: SiteGraph) {
            let metadata = document.metadata
            let headings = document.headings.filter { $0.level == 2 }.map(\.text)
            let organisation = metadata.flatMap { graph.config.organisation($0.organisation)?.name } ?? ""
            var extra: [String] = []
            if case let .report(report) = document.content { extra += [report.board, report.paperNumber ?? ""] }
            if case let .response(response) = document.content { extra += [response.inspectorate, response.inspection] + response.recommendations.map(\.text) }
            if case let .meeting(meeting) = document.content { extra += [meeting.chair.name, meeting.venue] + meeting.questions.map(\.question) }
            let snippet = ([document.summary ?? ""] + headings).joined(separator: " · ")
            doc = [
                document.title, graph.href(SiteGraph.path(of: document)), document.kind.singular,
                metadata?.date.iso ?? "", snippet,
            ]
            title = document.title
            fields = [snippet, organisation, (metadata?.topics ?? []).joined(separator: " "), extra.joined(separator: " ")]
            body = document.body
        }

        /// The key of the words: the texts, with the body by its digest.
        var wordsKey: String { textDigest([title] + fields + [body.digest]) }

        /// The key of the document's part of the index: `doc` and its words.
        func key(wordsKey: String) -> String { textDigest(doc + [wordsKey]) }

        /// The distinct words of the title, and of everything else (the
        /// body is read, if it is not in memory).
        func words() -> (title: [String], text: [String]) {
            var title = SearchWords()
            title.add(self.title)
            var text = SearchWords()
            fields.forEach { text.add($0) }
            text.add(html: body.html.html)
            return (title.words, text.words)
        }
    }

    /// The index of `documents`, whose word numbers stand for `vocabulary`'s words.
    static func index(_ documents: [DocumentEntry], vocabulary: [String]) -> Index {
        // A document's words are distinct and documents come in order, so
        // each posting list is ascending as it is built.
        var titlePostings = [[Int]](repeating: [], count: vocabulary.count)
        var textPostings = [[Int]](repeating: [], count: vocabulary.count)
        for (number, entry) in documents.enumerated() {
            for word in entry.words.title { titlePostings[Int(word)].append(number) }
            for word in entry.words.text { textPostings[Int(word)].append(number) }
        }
        func index(_ postings: [[Int]]) -> [String: [Int]] {
            var index: [String: [Int]] = [:]
            for (word, numbers) in zip(vocabulary, postings) where !numbers.isEmpty { index[word] = deltas(numbers) }
            return index
        }
        return Index(v: 1, docs: documents.map(\.doc), title: index(titlePostings), text: index(textPostings))
    }

    /// The key of what a document's entry is made from: the site as every
    /// page sees it (`PageInputs.Keys.site`: site.yml, the options, the
    /// generator, every document's face, so every link target) and what the
    /// document was decoded from (its revision). Nil without a revision.
    static func inputsKey(site: String, document: Document) -> String? {
        document.revision.map { textDigest([site, document.path, $0]) }
    }

    /// SHA-256 of the texts, each ended by a zero byte, hashed where they lie.
    static func textDigest(_ texts: [String]) -> String {
        IntegrityLock.sha256(joining: texts + [""])
    }

    /// [3, 7, 8] → [3, 4, 1]: smaller numbers, shorter JSON.
    static func deltas(_ numbers: [Int]) -> [Int] {
        var previous = 0
        return numbers.sorted().map { number in
            defer { previous = number }
            return number - previous
        }
    }

    static let path = "search-index.json"

    /// `/search-index.json`. With a cache and the last build's output, the
    /// last index is patched where documents changed (see `Patch`): writing
    /// all 14 MB again for one edited document was most of the search step.
    static func render(
        _ graph: SiteGraph, cache: SearchWordCache? = nil, previous: PreviousOutput? = nil, siteKey: String? = nil
    ) -> OutputFile {
        let layout = previous == nil ? nil : cache?.lastLayout()
        var (documents, vocabulary) = entries(graph, cache: cache, siteKey: siteKey, layout: layout)
        // The patch reads the old words of the documents that changed, so
        // the cache forgets them only once the index is made.
        defer { cache?.finish(keeping: Set(documents.compactMap(\.wordsKey))) }
        let keys = documents.compactMap(\.key)
        if let cache, let previous, let layout, keys.count == documents.count,
            let patched = Patch(
                documents: documents, keys: keys, vocabulary: vocabulary, layout: layout, cache: cache, previous: previous)?.apply()
        {
            cache.keep(patched.layout)
            return file(patched.bytes, digest: patched.layout.digest)
        }
        // Written whole, every document needs its texts and words.
        if documents.contains(where: \.fromLayout) { (documents, vocabulary) = entries(graph, cache: cache, siteKey: siteKey) }
        let written = json(index(documents, vocabulary: vocabulary), layout: true)
        let digest = IntegrityLock.sha256(Data(written.bytes))
        if let cache, keys.count == documents.count, let layout = written.layout {
            cache.keep(Layout(digest: digest, length: written.bytes.count, text: layout.text, title: layout.title,
                documents: zip(documents, layout.docEnds).map {
                    Layout.Slot(wordsKey: $0.wordsKey!, key: $0.key!, inputs: $0.slotInputs, end: $1)
                }))
        }
        return file(written.bytes, digest: digest)
    }

    private static func file(_ bytes: [UInt8], digest: String) -> OutputFile {
        var file = OutputFile(path: path, data: Data(bytes))
        file.sha256 = digest
        return file
    }

    /// The index as JSON with sorted keys, as `JSONEncoder` would write it,
    /// only faster: the documents, the title words and the other words (two
    /// halves by postings, most of the bytes) are written on every core and joined.
    static func json(_ index: Index) -> [UInt8] {
        json(index, layout: false).bytes
    }

    /// Where the parts of the JSON lie: where each document's array ends,
    /// and the members of the two word objects.
    struct JSONLayout {
        var docEnds: [Int]
        var text: Range<Int>
        var title: Range<Int>
    }

    static func json(_ index: Index, layout: Bool) -> (bytes: [UInt8], layout: JSONLayout?) {
        let textKeys = index.text.keys.sorted()
        // The first half: the words before the one that reaches half the postings, and that one.
        let total = index.text.values.reduce(0) { $0 + $1.count }
        var half = 0
        var postings = 0
        while half < textKeys.count, postings < total / 2 {
            postings += index.text[textKeys[half]]!.count
            half += 1
        }
        let parts = [0, 1, 2, 3]
        let written = ParallelMap.map(parts, singly: parts.count) { [half] part -> (JSONWriter, [Int]) in
            var out = JSONWriter(capacity: 1 << 20)
            var ends: [Int] = []
            switch part {
            case 0:
                out.array(index.docs) { out, doc in
                    out.array(doc) { $0.string($1) }
                    ends.append(out.bytes.count)
                }
            case 1: out.members(textKeys[..<half], of: index.text) { out, postings in out.array(postings) { $0.int($1) } }
            case 2: out.members(textKeys[half...], of: index.text) { out, postings in out.array(postings) { $0.int($1) } }
            default: out.members(index.title.keys.sorted()[...], of: index.title) { out, postings in out.array(postings) { $0.int($1) } }
            }
            return (out, ends)
        }
        var out = JSONWriter(capacity: written.reduce(64) { $0 + $1.0.bytes.count })
        out.raw("{\"docs\":")
        let docsStart = out.bytes.count
        out.append(written[0].0)
        out.raw(",\"text\":{")
        let textStart = out.bytes.count
        out.append(written[1].0)
        if half > 0, half < textKeys.count { out.raw(",") }
        out.append(written[2].0)
        let textEnd = out.bytes.count
        out.raw("},\"title\":{")
        let titleStart = out.bytes.count
        out.append(written[3].0)
        let titleEnd = out.bytes.count
        out.raw("},\"v\":")
        out.int(index.v)
        out.raw("}")
        guard layout else { return (out.bytes, nil) }
        return (out.bytes, JSONLayout(docEnds: written[0].1.map { docsStart + $0 }, text: textStart..<textEnd, title: titleStart..<titleEnd))
    }
}
