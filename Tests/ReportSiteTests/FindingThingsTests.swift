import Foundation
import Testing

@testable import ReportSite

/// Search index, topic and organisation pages, open data and sharing metadata.
@Suite struct FindingThingsTests {
    static let result = SiteBuilder.build(Fixtures.exampleSite)

    func file(_ path: String) throws -> String {
        try #require(Self.result.file(path), "\(path) was not built")
    }

    /// A text's distinct search words, in order, stop words left out.
    func words(_ text: String) -> [String] {
        var words = SearchWords()
        words.add(text)
        return words.words
    }

    @Test func wordsAreFoldedForMatching() {
        #expect(words("Café SAFEGUARDING, the AP17/47 paper — Children’s") == ["cafe", "safeguarding", "ap17", "47", "paper", "children"])
        // Letters and digits of two to four bytes, an emoji between words, a stop word in capitals.
        #expect(words("naïve👮🏽‍♀️Ωmega 𝟙2 Straße WHICH") == ["naive", "ωmega", "𝟙2", "strasse"])
        #expect(SearchIndex.deltas([8, 3, 7]) == [3, 4, 1])
    }

    @Test func bodyWordsComeFromTheTextNotTheMarkup() {
        var words = SearchWords()
        words.add(html: #"<p class="lead">Safeguarding &amp; custody: the <a href="/reports/x/">AP17 paper</a>&#39;s "#
            + #"&quot;Café&quot; &lt;b&gt; SAFEGUARDING&#8217;s <unclosed href="hidden"#)
        // Each distinct word once, in order; no tag, attribute or entity name.
        #expect(words.words == ["safeguarding", "custody", "ap17", "paper", "cafe", "8217"])
    }

    @Test func indexJSONReadsBackAsWritten() throws {
        let index = SearchIndex.Index(
            v: 1, docs: [["Quote \" and \\ back/slash", "/a/b/", "tab\tnew\nline\u{1}\u{8}\u{c}", "Café ‘x’", ""]],
            title: ["zeta": [2, 1], "alpha": [0]], text: ["b": [1, 12, 305], "a": [7, -40], "c": [1_000_000], "d": [Int.min, 0]])
        let json = SearchIndex.json(index)
        #expect(try JSONDecoder().decode(SearchIndex.Index.self, from: Data(json)) == index)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(String(decoding: json, as: UTF8.self) == String(decoding: try encoder.encode(index), as: UTF8.self))
    }

    /// Words from the cache (in memory, or read back from its file) give
    /// the same index as tokenising every document again.
    @Test func cachedSearchWordsGiveTheSameIndex() throws {
        let graph = try #require(Self.result.renderer?.graph)
        let fresh = SearchIndex.build(graph)
        let file = FileManager.default.temporaryDirectory.appending(path: "search-words-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: file) }
        let first = SearchWordCache(file: file, generator: "g")
        #expect(SearchIndex.build(graph, cache: first) == fresh)
        #expect(SearchIndex.build(graph, cache: first) == fresh, "every document from memory")
        let reread = SearchWordCache(file: file, generator: "g")
        #expect(SearchIndex.build(graph, cache: reread) == fresh, "every document from the file")
        #expect(reread.entry(IntegrityLock.sha256(Data("nothing like this\u{0}".utf8))) == nil)

        // Another generator's file is not used.
        let other = SearchWordCache(file: file, generator: "h")
        #expect(other.entry(try #require(self.someKey(graph))) == nil)
        #expect(reread.entry(try #require(self.someKey(graph))) != nil)
    }

    /// Words of texts that changed are dropped once they are an eighth of
    /// the vocabulary, so the file does not grow with every edit; entries
    /// still read back as the words they were made from.
    @Test func theWordCacheForgetsWordsNoTextUsesAnyMore() throws {
        let file = FileManager.default.temporaryDirectory.appending(path: "search-words-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: file) }
        let stable = (0..<10).map { text in (key: "stable\(text)", words: (0..<10).map { "s\(text)w\($0)" }) }
        var sizes: [Int] = []
        for edit in 0..<40 {
            let cache = SearchWordCache(file: file, generator: "g")
            for text in stable where cache.entry(text.key) == nil { _ = cache.number(text.key, title: [], text: text.words) }
            _ = cache.number("edited\(edit)", title: ["t\(edit)"], text: ["e\(edit)"])
            cache.finish(keeping: Set(stable.map(\.key) + ["edited\(edit)"]))
            sizes.append(cache.vocabularySnapshot().count)
        }
        #expect(sizes.max()! <= 102 + 102 / 8 + 2, "at most an eighth unused: \(sizes)")
        #expect(sizes.contains { $0 > 102 }, "a few unused words wait for the next renumbering: \(sizes)")
        let reread = SearchWordCache(file: file, generator: "g")
        let last = try #require(reread.entry("edited39"))
        let vocabulary = reread.vocabularySnapshot()
        #expect(last.title.map { vocabulary[Int($0)] } == ["t39"])
        #expect(last.text.map { vocabulary[Int($0)] } == ["e39"])
        let first = try #require(reread.entry("stable0"))
        #expect(first.text.map { vocabulary[Int($0)] } == stable[0].words)
        #expect(reread.entry("edited38") == nil)
    }

    /// The cache key of the first published document, as `SearchIndex.build` makes it.
    func someKey(_ graph: SiteGraph) -> String? {
        let probe = SearchWordCache()
        _ = SearchIndex.build(graph, cache: probe)
        return probe.keys.first
    }

    @Test func indexSeparatesTitleWordsAndCoversBodies() throws {
        let data = try #require(Self.result.files.first { $0.path == "search-index.json" }?.data)
        let index = try JSONDecoder().decode(SearchIndex.Index.self, from: data)
        #expect(index.docs.count == 6)  // listed documents, no plain pages
        func documents(_ postings: [Int]?) -> [String] {
            var number = 0
            return (postings ?? []).map { delta in
                number += delta
                return index.docs[number][0]
            }
        }
        #expect(documents(index.title["custody"]) == ["Custody suite refurbishment update (fictional sample)"])
        // "custody" also appears in the body of the inspection response.
        #expect(documents(index.text["custody"]).contains { $0.hasPrefix("Response to the HMICFRS") })
        #expect(documents(index.text["22"]).count >= 1)
        #expect(index.text["the"] == nil, "stop words are left out")
        let html = Self.result.files.filter { $0.path.hasSuffix(".html") }.map(\.data.count).reduce(0, +)
        #expect(data.count * 5 < html, "the index stays a small fraction of the site's HTML")
    }

    @Test func topicAndOrganisationPagesListDocumentsNewestFirst() throws {
        let topics = try file("topics/index.html")
        #expect(topics.contains("<a href=\"/topics/mash/\">MASH</a>"))
        let childProtection = try file("topics/child-protection/index.html")
        let newer = try #require(childProtection.range(of: "2022-02-15"))
        let older = try #require(childProtection.range(of: "2014-03-25"))
        #expect(newer.lowerBound < older.lowerBound)
        let suffolk = try file("organisations/suffolk-constabulary/index.html")
        #expect(suffolk.contains("AP17/47"))
        #expect(try file("organisations/index.html").contains("West Mercia Police and Crime Commissioner"))
    }

    @Test func everyDocumentIsPublishedAsJSONThatRoundTrips() throws {
        for document in Self.result.documents {
            let path = String(SiteGraph.path(of: document).dropFirst()) + "document.json"
            let data = try #require(Self.result.files.first { $0.path == path }?.data, "\(path)")
            let decoded = try JSONDecoder().decode(DocumentData.self, from: data)
            #expect(decoded.title == document.title)
            let encoded = try OpenData.encoder().encode(decoded) + Data("\n".utf8)
            #expect(encoded == data, "\(path) decodes and encodes to the same bytes")
            let page = try file(String(SiteGraph.path(of: document).dropFirst()) + "index.html")
            #expect(page.contains("<link rel=\"alternate\" type=\"application/json\" href=\"/\(path)\">"))
        }
        let response = try JSONDecoder().decode(DocumentData.self, from: Data(try file(
            "responses/2022-02-15-hmicfrs-national-child-protection-inspection/document.json").utf8))
        #expect(response.details.recommendations?.count == 11)
        #expect(response.details.recommendations?.first?.timescale == "Within six months")
        #expect(response.details.reportPublished == nil)
        let sample = try JSONDecoder().decode(DocumentData.self, from: Data(try file(
            "reports/2026-01-20-custody-suite-refurbishment-update/document.json").utf8))
        #expect(sample.version == 3)
        #expect(sample.versions.map(\.note) == [nil, "Corrected the number of cells from 24 to 22 and gave the revised completion date.",
            "Added the result of the fire safety inspection."])
        let paper = try JSONDecoder().decode(DocumentData.self, from: Data(try file("reports/2017-09-01-ap17-47/document.json").utf8))
        #expect(paper.figures.first { $0.metric == "mash-contacts" && $0.period == "2016-06..2017-06" }?.value == 22404)
        let catalogue = try #require(try JSONSerialization.jsonObject(with: Data(try file("data/documents.json").utf8)) as? [String: Any])
        #expect((catalogue["documents"] as? [Any])?.count == 8)
        #expect(catalogue["licence"] as? String == "Open Government Licence v3.0")
    }

    @Test func pagesCarrySharingAndArchivingMetadata() throws {
        let page = try file("reports/2017-09-01-ap17-47/index.html")
        #expect(page.contains("<meta property=\"og:title\" content=\"Protecting vulnerable people and community safety – children and young people update\">"))
        #expect(page.contains("<meta property=\"og:type\" content=\"article\">"))
        #expect(page.contains("<meta property=\"og:description\" content=\"The Protecting Vulnerable People"))
        #expect(page.contains("<meta name=\"govuk:first-published-at\" content=\"2017-09-01\">"))
        #expect(page.contains("<link rel=\"canonical\" href=\"https://opcc.example.org/reports/2017-09-01-ap17-47/\">"))
        #expect(page.contains("<form class=\"site-search\" action=\"/search/\" method=\"get\" role=\"search\">"))
    }

    @Test func searchPageWorksWithoutJavaScript() throws {
        let search = try file("search/index.html")
        #expect(search.contains("<a href=\"/topics/custody/\">custody</a>"))
        #expect(search.contains("<a href=\"/reports/\">Board and panel papers</a>"))
        #expect(search.contains("data-search-index=\"/search-index.json\""))
    }
}
