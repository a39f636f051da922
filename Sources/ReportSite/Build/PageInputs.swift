import Crypto
import Foundation

/// A quick, coarse key for what a page or data file is made from, counted in
/// whole documents rather than in the values its template reads.
///
/// Every page is a function of the settings (site.yml, the metric
/// definitions, the templates, the build options) and of documents as it
/// sees them: a document's own pages (current page, history, superseded
/// versions, `document.json`) of that document's files and the little they
/// read of others, a list of the faces of the documents it lists, a tracker
/// of its documents' faces and statuses, and the rest of every document's
/// face (see `Source` and `Keyer`). So when an author edits a body and
/// nothing another page shows, every other page keeps its key and is reused
/// without its context being made: making and fingerprinting 20,000
/// contexts was a quarter of a one-document build. When a title changes,
/// the lists it is in are made again, but the other documents' own pages,
/// the other lists and the trackers are not.
///
/// The key only ever saves work: when it differs, the page's fingerprint
/// (`PageFingerprint`) still decides whether the page must be rendered.
public enum PageInputs {
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

    /// The keys a build's pages are made with.
    public struct Keys: Sendable, Codable, Equatable {
        /// Everything every page depends on: `shared` and the face of every
        /// document and version.
        public var site: String
        /// What every page depends on besides the documents: `salt` (the
        /// templates and the generator), the build options, and every source
        /// read besides the documents (site.yml, metric definitions, the
        /// integrity lock).
        public var shared: String
    }

    /// The keys of a build. Nil when a document has no face (a build without
    /// a decode cache does not make them).
    static func keys(salt: String, options: BuildOptions, sources: [String: SourceFile], documents: [Document]) -> Keys? {
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
        let shared = Text.hex(hash.finalize())
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
        return Keys(site: Text.hex(hash.finalize()), shared: shared)
    }

    /// What a page is made from, in whole documents (see `Keyer`).
    enum Source {
        /// Anything on the site: the home page, the indexes, the trends.
        case site
        /// One document: its current page, history, superseded versions,
        /// redirects and `document.json`.
        case owner(Document)
        /// A list of these documents, in this order: a kind's, a topic's,
        /// an organisation's. Each entry shows a document's face.
        case list([Document])
        /// A tracker (named, for its views to share its key) of these
        /// documents' recommendations or actions.
        case tracker(String, [Document])

        var owner: Document? {
            if case let .owner(document) = self { document } else { nil }
        }
    }

    /// The keys of one step's pages, made from their sources.
    ///
    /// A page is keyed by the whole site unless it is known to read less:
    ///
    /// - One of a document's own pages reads the rest of the site only
    ///   through the trackers (the status updates later documents gave its
    ///   recommendations or actions, and the date they are as at) and, when
    ///   it holds a chart, every document's figures. So it is keyed by what
    ///   the owner and its versions were decoded from (their revisions, and
    ///   their bodies' digests, which change when a document link comes to
    ///   point elsewhere), the shared key, and those updates; or by the whole
    ///   site when a chart is drawn.
    /// - A list shows each of its documents' faces, in order.
    /// - A tracker shows its documents' faces and their trackers' lines.
    ///
    /// A title changed elsewhere then leaves most pages of the benchmark site
    /// keyed as they were, where before each one's context was made and
    /// fingerprinted again: the other 30,000 own pages, and the lists,
    /// topics, organisations and trackers the document is not in.
    ///
    /// What a source is made from is digested once and shared by its pages:
    /// a document has two or three pages and a `document.json`, and the
    /// recommendations tracker a dozen views of the same recommendations.
    final class Keyer: @unchecked Sendable {
        let keys: Keys
        let trackers: Trackers
        private let parts = Memo<String, String?>()
        /// Each document's `trackerLines`, digested once: its own pages and
        /// every tracker view it is in read them (they were 5 % of a title
        /// change's CPU time, made again for each).
        private let trackerDigests = Memo<String, String>()

        init(_ keys: Keys, trackers: Trackers) {
            self.keys = keys
            self.trackers = trackers
        }

        /// The key of the page (or data file) at `path`, made from `source`
        /// with `template`. Nil when a document has no revision or no face.
        func key(path: String, template: String?, source: Source) -> String? {
            guard let part = part(source) else { return nil }
            return IntegrityLock.sha256(joining: [part, path, template ?? "-"])
        }

        private func part(_ source: Source) -> String? {
            switch source {
            case .site:
                return keys.site
            case let .owner(owner):
                return parts.value(for: "owner " + owner.path) { ownerPart(owner) }
            case let .list(documents):
                var text = [keys.shared]
                for document in documents {
                    guard !document.face.isEmpty else { return nil }
                    text += [document.path, document.face]
                }
                return IntegrityLock.sha256(joining: text)
            case let .tracker(name, documents):
                return parts.value(for: "tracker " + name) {
                    var text = [keys.shared, "as at " + (trackers.asAt?.iso ?? "-")]
                    for document in documents {
                        guard !document.face.isEmpty else { return nil }
                        text += [document.path, document.face, trackerDigest(of: document)]
                    }
                    return IntegrityLock.sha256(joining: text)
                }
            }
        }

        private func ownerPart(_ owner: Document) -> String? {
            let decoded = [owner] + owner.versions.map(\.document)
            var text = [keys.shared]
            for document in decoded {
                guard let revision = document.revision else { return nil }
                text += [revision, document.body.digest]
            }
            if decoded.contains(where: { $0.body.hasChart || !$0.charts.isEmpty }) {
                text[0] = keys.site
            } else {
                text.append(trackerDigest(of: owner))
            }
            return IntegrityLock.sha256(joining: text)
        }

        /// SHA-256 of `owner`'s `trackerLines`; "-" when it has none.
        private func trackerDigest(of owner: Document) -> String {
            trackerDigests.value(for: owner.path) {
                let lines = trackerLines(of: owner, trackers)
                return lines.isEmpty ? "-" : IntegrityLock.sha256(joining: lines)
            }
        }
    }

    /// What `trackers` say of `owner`'s recommendations or actions: each
    /// one's history of statuses, and the date they are as at. Empty for a
    /// document with none.
    static func trackerLines(of owner: Document, _ trackers: Trackers) -> [String] {
        let recommendations = trackers.recommendations(of: owner.path)
        let actions = trackers.actions(of: owner.path)
        guard !recommendations.isEmpty || !actions.isEmpty else { return [] }
        func lines(_ item: String, _ history: [Trackers.StatusEntry]) -> [String] {
            [item] + history.flatMap { entry in
                [entry.status, entry.date.iso, entry.sourcePath, entry.sourceTitle, entry.sourceSitePath, entry.note.map { "note " + $0 } ?? "-"]
            }
        }
        return ["as at " + (trackers.asAt?.iso ?? "-")]
            + recommendations.flatMap { lines("recommendation \($0.number)", $0.history) }
            + actions.flatMap { lines("action " + $0.action.id, $0.history) }
    }
}
