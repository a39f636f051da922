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

    /// Lower-cased, accent-free words of `text`.
    static func words(_ text: String) -> [String] {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "en_GB"))
        var words: [String] = []
        var current = ""
        for scalar in folded.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.filter { $0.count >= minimumWordLength && !stopWords.contains($0) }
    }

    /// Plain text of a rendered HTML fragment (tags dropped, entities decoded).
    static func plainText(_ html: String) -> String {
        var text = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true; text.append(" ") } else if character == ">" { inTag = false } else if !inTag { text.append(character) }
        }
        return HTMLScan.unescape(text)
    }

    static func build(_ graph: SiteGraph) -> Index {
        let documents = graph.publications
        var titleIndex: [String: [Int]] = [:]
        var textIndex: [String: [Int]] = [:]
        var docs: [[String]] = []
        for (number, document) in documents.enumerated() {
            let metadata = document.metadata
            let headings = document.headings.filter { $0.level == 2 }.map(\.text)
            let organisation = metadata.flatMap { graph.config.organisation($0.organisation)?.name } ?? ""
            var extra: [String] = []
            if case let .report(report) = document.content { extra += [report.board, report.paperNumber ?? ""] }
            if case let .response(response) = document.content { extra += [response.inspectorate, response.inspection] + response.recommendations.map(\.text) }
            if case let .meeting(meeting) = document.content { extra += [meeting.chair.name, meeting.venue] + meeting.questions.map(\.question) }
            let snippet = ([document.summary ?? ""] + headings).joined(separator: " · ")
            docs.append([
                document.title, graph.href(SiteGraph.path(of: document)), document.kind.singular,
                metadata?.date.iso ?? "", snippet,
            ])
            for word in Set(words(document.title)) { titleIndex[word, default: []].append(number) }
            let body = [snippet, organisation, (metadata?.topics ?? []).joined(separator: " "), extra.joined(separator: " "),
                plainText(document.bodyHTML.html)].joined(separator: " ")
            for word in Set(words(body)) { textIndex[word, default: []].append(number) }
        }
        return Index(v: 1, docs: docs, title: titleIndex.mapValues(deltas), text: textIndex.mapValues(deltas))
    }

    /// [3, 7, 8] → [3, 4, 1]: smaller numbers, shorter JSON.
    static func deltas(_ numbers: [Int]) -> [Int] {
        var previous = 0
        return numbers.sorted().map { number in
            defer { previous = number }
            return number - previous
        }
    }

    static func render(_ graph: SiteGraph) -> OutputFile {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(build(graph))) ?? Data("{}".utf8)
        return OutputFile(path: "search-index.json", data: data)
    }
}
