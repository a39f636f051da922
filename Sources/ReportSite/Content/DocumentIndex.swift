import Foundation

/// Where every document of the site will be published, known before any is
/// decoded, so links written as document paths can be resolved while rendering.
struct DocumentIndex: Sendable {
    /// Path under Content/ (`reports/x.md`) → site path (`/reports/x/`).
    let sitePaths: [String: String]

    init(_ documents: [(path: String, sitePath: String)]) {
        var sitePaths: [String: String] = [:]
        for document in documents {
            sitePaths[String(document.path.dropFirst(ContentLoader.contentFolder.count + 1))] = document.sitePath
        }
        self.sitePaths = sitePaths
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
            if let sitePath = sitePaths[candidate] { return .page(sitePath) }
        }
        return .missing(note: Suggestion.note(for: candidates.last ?? decoded, in: sitePaths.keys.sorted()))
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
