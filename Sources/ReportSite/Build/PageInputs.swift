import Crypto
import Foundation

/// A quick, coarse key for what a page or data file is made from, counted in
/// whole documents rather than in the values its template reads.
///
/// Every page is a function of the site as other pages see it (each
/// document's face, site.yml, the metric definitions, the templates, the
/// build options) and, for a document's own pages (current page, history,
/// superseded versions, `document.json`), of that document's files. So when
/// an author edits a body and nothing another page shows, every other page
/// keeps its key and is reused without its context being made: making and
/// fingerprinting 20,000 contexts was a quarter of a one-document build.
///
/// The key only ever saves work: when it differs, the page's fingerprint
/// (`PageFingerprint`) still decides whether the page must be rendered.
enum PageInputs {
    /// Set in the coder's `userInfo` while a face is encoded (see `BodyPart`).
    static let faceKey = CodingUserInfoKey(rawValue: "reportsite.face")!

    /// SHA-256 of `document` as other pages can see it: everything decoded
    /// from its file except what only its own pages and its search entry
    /// read (the body's HTML and Markdown, its headings and links, where its
    /// charts and parts lie in it). Editing prose leaves the face as it was.
    /// Nil when it cannot be encoded.
    ///
    /// Anything added to `Document` that another page shows must stay in the
    /// face; anything left out here must be read by the document's own pages
    /// only. The encoding must come out the same in every process (no
    /// dictionary, whose order varies): a face that differs between builds
    /// costs every page its quick reuse, though never its correctness.
    static func face(of document: Document) -> String? {
        var face = document
        face.body = DocumentBody(TrustedHTML(""))
        face.markdown = ""
        face.headings = []
        face.links = []
        face.charts = document.charts.map { chart in
            var chart = chart
            chart.position = SourcePosition(line: 0, column: 0)
            return chart
        }
        face.versions = []
        face.revision = nil
        face.face = ""
        guard let bytes = try? CacheCoder.encode(face, userInfo: [faceKey: true]) else { return nil }
        return IntegrityLock.sha256(bytes)
    }

    /// The key of everything every page depends on: `salt` (the templates
    /// and the generator), the build options, every source read besides the
    /// documents (site.yml, metric definitions, the integrity lock), and the
    /// face of every document and version. Nil when a document has no face
    /// (a build without a decode cache does not make them).
    static func siteKey(salt: String, options: BuildOptions, sources: [String: SourceFile], documents: [Document]) -> String? {
        var hash = SHA256()
        func add(_ text: String) {
            hash.update(data: Data(text.utf8))
            hash.update(data: Data([0]))
        }
        add(salt)
        add(options.baseURL ?? "-")
        add(options.includeDrafts ? "drafts" : "-")
        add(options.sourceDateEpoch ?? "-")
        for (path, source) in sources.sorted(by: { $0.key < $1.key }) where !path.hasSuffix(".md") {
            add(path)
            add(source.text)
        }
        for document in documents {
            guard !document.face.isEmpty else { return nil }
            add(document.path)
            add(document.face)
            for version in document.versions {
                guard !version.document.face.isEmpty else { return nil }
                add("v\(version.number) \(version.supersededOn.iso) \(version.note)")
                add(version.document.face)
            }
        }
        return Text.hex(hash.finalize())
    }

    /// The key of the page at `path`: the site's key, and for one of
    /// `owner`'s own pages, what that document and its versions were decoded
    /// from. Nil when the owner has no revision.
    static func key(site: String, path: String, template: String?, owner: Document?) -> String? {
        var text = [site, path, template ?? "-"]
        if let owner {
            guard let revision = owner.revision else { return nil }
            text.append(revision)
            for version in owner.versions {
                guard let revision = version.document.revision else { return nil }
                text.append(revision)
            }
        }
        return IntegrityLock.sha256(joining: text)
    }
}
