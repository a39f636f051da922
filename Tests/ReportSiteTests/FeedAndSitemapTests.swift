import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@testable import ReportSite

@Suite struct FeedAndSitemapTests {
    static let result = SiteBuilder.build(Fixtures.exampleSite)

    func xml(_ path: String) throws -> XMLElement {
        let data = try #require(Self.result.files.first { $0.path == path }?.data)
        return try #require(try XMLDocument(data: data).rootElement())
    }

    func children(_ element: XMLElement, _ name: String) -> [XMLElement] {
        (element.children ?? []).compactMap { $0 as? XMLElement }.filter { $0.localName == name }
    }

    @Test func feedIsAtomWithAnEntryPerPublicationAndChange() throws {
        let feed = try xml("feed.xml")
        #expect(feed.name == "feed")
        #expect(feed.uri == "http://www.w3.org/2005/Atom")
        for required in ["id", "title", "updated", "author"] {
            #expect(children(feed, required).count == 1, "feed needs one <\(required)>")
        }
        let entries = children(feed, "entry")
        // 6 meetings, papers and responses first published, plus 2 major changes
        // to the fictional sample paper (plain pages are not in the feed).
        #expect(entries.count == 8)
        var ids: Set<String> = []
        for entry in entries {
            for required in ["id", "title", "updated", "link", "summary"] {
                #expect(children(entry, required).count == 1, "entry needs one <\(required)>")
            }
            #expect(ids.insert(children(entry, "id")[0].stringValue ?? "").inserted, "entry ids are unique")
        }
        let updated = entries.compactMap { children($0, "updated").first?.stringValue }
        #expect(updated == updated.sorted(by: >), "newest first")
        #expect(children(feed, "updated")[0].stringValue == updated.first)
        #expect(entries.contains { children($0, "summary").first?.stringValue == "Added the result of the fire safety inspection." })
    }

    @Test func sitemapListsCurrentPagesWithLastModified() throws {
        let sitemap = try xml("sitemap.xml")
        #expect(sitemap.name == "urlset")
        let urls = children(sitemap, "url")
        let locs = urls.compactMap { children($0, "loc").first?.stringValue }
        #expect(locs.contains("https://opcc.example.org/reports/2017-09-01-ap17-47/"))
        #expect(!locs.contains { $0.contains("/history/") || $0.contains("/v1/") || $0.contains("404") })
        let paths = Set(Self.result.files.map(\.path))
        for loc in locs {
            let path = loc.replacing("https://opcc.example.org/", with: "")
            #expect(paths.contains(path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path), "\(loc) is built")
        }
        let sample = urls.first { children($0, "loc").first?.stringValue?.contains("custody-suite") == true }
        #expect(sample.flatMap { children($0, "lastmod").first?.stringValue } == "2026-03-10")
    }

    @Test func manifestListsEveryFileWithItsHash() throws {
        let data = try #require(Self.result.files.first { $0.path == "manifest.json" }?.data)
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let files = try #require(manifest["files"] as? [[String: Any]])
        #expect(files.count == Self.result.files.count - 1)
        for entry in files {
            let path = try #require(entry["path"] as? String)
            let file = try #require(Self.result.files.first { $0.path == path })
            #expect(entry["sha256"] as? String == IntegrityLock.sha256(file.data))
        }
        let inputs = try #require(manifest["inputs"] as? [String: Any])
        #expect((inputs["contentDigest"] as? String)?.count == 64)
    }

    /// The manifest is written by hand, so that people who check a copy of
    /// the site against it see the same bytes a JSON encoder would write.
    @Test(arguments: [nil, "1700000000"]) func manifestIsWrittenAsJSONEncoderWritesIt(epoch: String?) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let files = [
            Manifest.File(path: "reports/a/index.html", sha256: String(repeating: "ab", count: 32), bytes: 12_345),
            Manifest.File(path: "assets/Odd \"name\" \\ é\u{1}\u{8}\u{c}\t\n.css", sha256: "", bytes: 0),
        ]
        for list in [files, [files[0]], []] {
            let body = Manifest.Body(
                generator: "reportsite", inputs: Manifest.Inputs(contentDigest: "c/d", sourceDateEpoch: epoch), files: list)
            #expect(String(decoding: Manifest.json(body), as: UTF8.self) == String(decoding: try encoder.encode(body), as: UTF8.self))
        }
    }

    /// A quick build patches the last manifest where files changed: the
    /// same bytes as listing every file again, and nothing when the bytes
    /// are not laid out as a manifest is.
    @Test(arguments: [nil, "1700000000"]) func aPatchedManifestIsTheManifestListedAgain(epoch: String?) throws {
        let files = (0..<40).map { number in
            Manifest.File(path: number == 7 ? "assets/Odd \"n\\ame\" é\t.css" : "reports/r\(number)/index.html",
                sha256: String(repeating: String(number % 10), count: 64), bytes: number * 1_000)
        }.sorted { $0.path < $1.path }
        let old = Manifest.render(files, contentDigest: "old", sourceDateEpoch: epoch).data
        var changed = files
        for index in [0, 3, 19, files.count - 1] {
            changed[index] = Manifest.File(path: files[index].path, sha256: String(repeating: "f", count: 64), bytes: index * 7 + 1_234_567)
        }
        let replacing = [0, 3, 19, files.count - 1].map { (path: changed[$0].path, sha256: changed[$0].sha256, bytes: changed[$0].bytes) }
        let expected = Manifest.render(changed, contentDigest: "new", sourceDateEpoch: epoch)
        let patched = try #require(old.withUnsafeBytes { raw in
            Manifest.patch(raw.bindMemory(to: UInt8.self), replacing: replacing, contentDigest: "new").map { patch in
                (bytes: patch.runs.bytes(old: raw.bindMemory(to: UInt8.self)), sha256: patch.sha256)
            }
        })
        #expect(String(decoding: patched.bytes, as: UTF8.self) == String(decoding: expected.data, as: UTF8.self))
        #expect(patched.sha256 == expected.sha256)

        // A file the manifest does not list, or a manifest cut short: no patch.
        let stranger = [(path: "nowhere.html", sha256: "", bytes: 0)]
        #expect(old.withUnsafeBytes { Manifest.patch($0.bindMemory(to: UInt8.self), replacing: stranger, contentDigest: "new") } == nil)
        let cut = old.prefix(old.count - 40)
        #expect(cut.withUnsafeBytes { Manifest.patch($0.bindMemory(to: UInt8.self), replacing: [], contentDigest: "new") } == nil)
    }

    /// `document.json` is written by hand too, and must stay what the
    /// encoder writes for the same data: every field set (odd text, numbers
    /// of every form), and every optional field left out.
    @Test func documentDataIsWrittenAsJSONEncoderWritesIt() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let person = #"{"name": "A \"quoted\" name/é", "role": "Chair\tand\nclerk"}"#
        let full = #"""
            {"kind": "response", "slug": "s", "url": "https://x.example/a/b/", "title": "Title \\ \u0001 \u2028 <&>",
             "summary": "", "date": "2024-01-02", "organisation": {"id": "o", "name": "Org"}, "topics": ["a", "b/c"],
             "category": "performance", "status": "withdrawn", "withdrawnReason": "why", "published": "2024-01-02",
             "lastUpdated": "2024-02-03", "version": 2,
             "versions": [{"number": 1, "url": "u1", "published": "p", "current": false},
                          {"number": 2, "url": "u2", "published": "p", "note": "n", "current": true}],
             "figures": [{"metric": "m", "period": "2024", "periodLabel": "2024", "value": 12, "organisation": "o"},
                         {"metric": "m", "period": "2025", "periodLabel": "2025", "value": 0.1, "organisation": "o",
                          "category": "c", "note": "n"},
                         {"metric": "m", "period": "2026", "periodLabel": "2026", "value": -2.5e-7, "organisation": "o"},
                         {"metric": "m", "period": "2027", "periodLabel": "2027", "value": 1e21, "organisation": "o"},
                         {"metric": "m", "period": "2028", "periodLabel": "2028", "value": 123456789012.75, "organisation": "o"}],
             "details": {"chair": PERSON, "noteTaker": PERSON, "venue": "v", "attendees": [PERSON, PERSON], "purpose": "p",
                "verdict": "v", "questions": [{"number": 1, "question": "q", "url": "u", "postMeetingInformation": true}],
                "actions": [{"id": "A1", "action": "a", "owner": "o", "due": "2024-01-01", "status": "open"},
                            {"id": "A2", "action": "a", "owner": "o", "status": "done"}],
                "board": "b", "paperNumber": "AP1", "agendaItem": "3", "originator": "o", "subject": "s",
                "protectiveMarking": "official", "boardRecommendations": ["r1", "r2"], "financialImplications": "f",
                "contactOfficer": PERSON, "checklist": [{"question": "q", "answer": "yes"}, {"question": "q", "answer": "no", "comment": "c"}],
                "inspectorate": "i", "inspection": "i", "fieldworkStart": "2024-01-01", "fieldworkEnd": "2024-01-02",
                "reportPublished": "2024-02-01", "responseDeadline": "2024-04-01", "addressee": PERSON, "signedBy": PERSON,
                "copiedTo": ["x", "y"], "recommendations": [{"number": 1, "text": "t", "timescale": "Within six months",
                    "due": "2024-08-01", "status": "open", "hasResponse": true},
                    {"number": 2, "text": "t", "timescale": "t", "status": "open", "hasResponse": false}]}}
            """#.replacingOccurrences(of: "PERSON", with: person)
        let bare = #"""
            {"kind": "page", "slug": "s", "url": "u", "title": "t", "topics": [], "status": "published", "version": 1,
             "versions": [], "figures": [], "details": {}}
            """#
        for json in [full, bare] {
            let data = try JSONDecoder().decode(DocumentData.self, from: Data(json.utf8))
            #expect(String(decoding: data.json(), as: UTF8.self) == String(decoding: try encoder.encode(data), as: UTF8.self))
        }
    }

    /// So is the catalogue: entries with every field and with none of the
    /// optional ones, no documents at all, and no licence.
    @Test func catalogueIsWrittenAsJSONEncoderWritesIt() throws {
        let full = #"""
            {"title": "Site \"quoted\" / é \u2028", "licence": "OGL", "licenceURL": "https://x.example/a/b",
             "documents": [
               {"kind": "report", "title": "T <&> \\ \u0001", "url": "https://x.example/r/", "data": "https://x.example/r/document.json",
                "date": "2024-01-02", "organisation": "o", "topics": ["a", "b/c"], "version": 2, "status": "withdrawn"},
               {"kind": "page", "title": "", "url": "u", "data": "d", "topics": [], "version": 1, "status": "published"}]}
            """#
        let bare = #"{"title": "t", "documents": []}"#
        for json in [full, bare] {
            let catalogue = try JSONDecoder().decode(OpenData.Catalogue.self, from: Data(json.utf8))
            #expect(String(decoding: catalogue.json(), as: UTF8.self)
                == String(decoding: try OpenData.encoder().encode(catalogue), as: UTF8.self))
        }
        let built = try #require(Self.result.files.first { $0.path == OpenData.cataloguePath }?.data)
        let decoded = try JSONDecoder().decode(OpenData.Catalogue.self, from: built)
        #expect(decoded.documents.count == Self.result.documents.count)
        #expect(try OpenData.encoder().encode(decoded) + Data("\n".utf8) == built)
    }

    @Test func twoBuildsOfTheSameInputsAreByteIdentical() {
        let again = SiteBuilder.build(Fixtures.exampleSite)
        #expect(again.files.map(\.path) == Self.result.files.map(\.path))
        #expect(again.files.map(\.data) == Self.result.files.map(\.data))
    }
}
