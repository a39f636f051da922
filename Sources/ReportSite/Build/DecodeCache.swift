import Crypto
import Foundation

/// Remembers decoded documents between builds in one process (the preview
/// server), so a rebuild parses and renders only the Markdown files that
/// changed. A file is reused only when its bytes, site.yml, the base path
/// and the set of documents (which link resolution depends on) are all the
/// same as when it was decoded.
public final class DecodeCache: @unchecked Sendable {
    struct Entry {
        let key: String
        let source: SourceFile
        let document: Document?
        let diagnostics: [Diagnostic]
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    /// Files decoded (not reused) by the last build, for tests and timing.
    public private(set) var lastDecoded: [String] = []

    public init() {}

    static func key(data: Data, context: String) -> String {
        var hasher = SHA256()
        hasher.update(data: data)
        hasher.update(data: Data(context.utf8))
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    func lookup(_ path: String, key: String) -> Entry? {
        lock.withLock { entries[path].flatMap { $0.key == key ? $0 : nil } }
    }

    func store(_ path: String, _ entry: Entry) {
        lock.withLock {
            entries[path] = entry
            lastDecoded.append(path)
        }
    }

    /// Starts a build: forgets files that no longer exist.
    func begin(paths: Set<String>) {
        lock.withLock {
            entries = entries.filter { paths.contains($0.key) }
            lastDecoded = []
        }
    }
}
