import Foundation

/// Where every document of the site will be published, known before any is
/// decoded, so links written as document paths can be resolved while rendering.
struct DocumentIndex: Sendable {
    private enum Lookup: Sendable {
        /// Path under Content/ (`reports/x.md`) → site path (`/reports/x/`).
        case table([String: String])
        /// Every input file, root-relative: a path is a document's when it
        /// is a current document's file (see `ContentLoader.currentDocument`).
        case files(Set<String>)
    }

    private let lookup: Lookup

    init(_ documents: [(path: String, sitePath: String)]) {
        var sitePaths: [String: String] = [:]
        for document in documents {
            sitePaths[String(document.path.dropFirst(ContentLoader.contentFolder.count + 1))] = document.sitePath
        }
        lookup = .table(sitePaths)
    }

    /// The documents among `files` (root-relative paths of a walk of the
    /// site), each worked out only when a link names it: a quick build
    /// resolves the links of one document, not 10,000 site paths.
    init(files: Set<String>) {
        lookup = .files(files)
    }

    /// The site path of the document at `path` under Content/, if there is one.
    private func sitePath(_ path: String) -> String? {
        switch lookup {
        case let .table(sitePaths): return sitePaths[path]
        case let .files(files):
            let file = ContentLoader.contentFolder + "/" + path
            guard files.contains(file), let job = ContentLoader.currentDocument(file) else { return nil }
            return job.kind.sitePath(slug: job.slug)
        }
    }

    /// Every document's path under Content/, sorted.
    private var documentPaths: [String] {
        switch lookup {
        case let .table(sitePaths): return sitePaths.keys.sorted()
        case let .files(files):
            return files.filter { ContentLoader.currentDocument($0) != nil }
                .map { String($0.dropFirst(ContentLoader.contentFolder.count + 1)) }.sorted()
        }
    }

    /// Resolves `path` as written in the document at `from` (a root-relative
    /// path such as `Content/meetings/a.md`): first relative to that
    /// document's folder, as GitHub does, then relative to Content/.
    func resolve(_ path: String, from: String) -> DocumentLinkTarget {
        let decoded = Text.percentDecoded(path) ?? path
        let folder = Self.folder(of: from)
        var candidates: [String] = []
        if decoded.hasPrefix("/") {
            candidates.append(String(decoded.drop { $0 == "/" }))
        } else {
            candidates.append(DocumentIndex.normalise(folder + "/" + decoded))
            candidates.append(DocumentIndex.normalise(decoded))
        }
        candidates = candidates.map {
            $0.hasPrefix(ContentLoader.contentFolder + "/") ? String($0.dropFirst(ContentLoader.contentFolder.count + 1)) : $0
        }
        for candidate in candidates {
            if let sitePath = sitePath(candidate) { return .page(sitePath) }
        }
        return .missing(note: Suggestion.note(for: candidates.last ?? decoded, in: documentPaths))
    }

    /// The folder of a root-relative path under Content/: `Content/meetings/a.md` → `meetings`.
    static func folder(of path: String) -> String {
        guard let first = path.firstIndex(of: "/"), let last = path.lastIndex(of: "/"), first < last else { return "" }
        let inner = path[path.index(after: first)..<last]
        return isNormal(inner) ? String(inner) : normalise(String(inner))
    }

    /// Resolves `.` and `..` segments (and drops empty ones).
    static func normalise(_ path: String) -> String {
        // Every document link is resolved on every build, cached or not:
        // most paths have nothing to resolve, and splitting them was 3 % of
        // a one-document build.
        if isNormal(path) { return path }
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    /// Whether `path` has no empty segment and no segment starting with a
    /// dot (so no `.` or `..`): then `normalise` would give it back unchanged.
    static func isNormal(_ path: some StringProtocol) -> Bool {
        var segmentStart = true
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                if segmentStart { return false }
                segmentStart = true
            } else {
                if segmentStart, byte == UInt8(ascii: ".") { return false }
                segmentStart = false
            }
        }
        return !segmentStart
    }
}
