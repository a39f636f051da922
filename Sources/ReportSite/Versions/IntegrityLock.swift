import Crypto
import Foundation
import Yams

/// `Content/versions.lock`: the SHA-256 of every frozen version, so a
/// published version can never silently change or vanish.
///
/// Entries form a chain: each `seal` hashes the previous seal with the entry,
/// so editing a frozen file and then its `sha256` by hand is caught too.
/// `reportsite amend` is the only writer.
public struct IntegrityLock: Sendable {
    public static let path = "\(ContentLoader.contentFolder)/versions.lock"

    public struct Entry: Sendable, Hashable {
        /// Path under Content/ (`reports/x.versions/v1.md`).
        public var file: String
        public var sha256: String
        public var superseded: Day
        public var note: String
        public var seal: String
        public var position: SourcePosition?
    }

    public var entries: [Entry]

    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    // MARK: - Hashing

    public static func sha256(_ data: Data) -> String {
        Text.hex(SHA256.hash(data: data))
    }

    /// SHA-256 of `texts` joined by zero bytes, hashed where they lie: the
    /// same digest as `sha256` of the joined text, without making it (a
    /// build makes 30,000 page keys this way, and joining and copying each
    /// cost more than hashing it).
    static func sha256(joining texts: [String]) -> String {
        var hash = SHA256()
        for (index, var text) in texts.enumerated() {
            if index > 0 { withUnsafeBytes(of: UInt8(0)) { hash.update(bufferPointer: $0) } }
            text.withUTF8 { hash.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        }
        return Text.hex(hash.finalize())
    }

    static func seal(previous: String, file: String, sha256: String, superseded: Day, note: String) -> String {
        IntegrityLock.sha256(Data("\(previous)\n\(file)\n\(sha256)\n\(superseded.iso)\n\(note)".utf8))
    }

    /// Adds an entry for a newly frozen file, sealed onto the chain.
    public mutating func append(file: String, data: Data, superseded: Day, note: String) {
        let hash = IntegrityLock.sha256(data)
        let seal = IntegrityLock.seal(previous: entries.last?.seal ?? "", file: file, sha256: hash, superseded: superseded, note: note)
        entries.append(Entry(file: file, sha256: hash, superseded: superseded, note: note, seal: seal))
    }

    // MARK: - Reading and writing

    static func load(
        from fileSystem: FileSystem, diagnostics: inout DiagnosticBag, sources: inout [String: SourceFile]
    ) -> IntegrityLock {
        guard fileSystem.exists(path) else { return IntegrityLock() }
        let source: SourceFile
        do {
            source = try fileSystem.readText(path)
        } catch {
            diagnostics.append(ContentLoader.asDiagnostic(error, path: path))
            return IntegrityLock()
        }
        sources[path] = source
        let reader = YAMLReader(file: path, firstLine: 1)
        defer { diagnostics.append(contentsOf: reader.diagnostics.all) }
        guard let root = reader.compose(source.text), let fields = reader.fields(root, "the integrity lock") else {
            return IntegrityLock()
        }
        let entries: [Entry]? = fields.optional("versions")
        fields.finish()
        return IntegrityLock(entries: entries ?? [])
    }

    /// The lock as text. Strings are written JSON-quoted, which YAML reads back unchanged.
    public var text: String {
        var out = """
            # reportsite integrity lock: the SHA-256 of every frozen (superseded) version.
            # Written by 'reportsite amend'. Do not edit: 'reportsite check' fails when a
            # frozen version, or this file, no longer matches.
            versions:

            """
        for entry in entries {
            out += """
                  - file: \(quoted(entry.file))
                    sha256: \(entry.sha256)
                    superseded: \(entry.superseded.iso)
                    note: \(quoted(entry.note))
                    seal: \(entry.seal)

                """
        }
        return out
    }

    private func quoted(_ text: String) -> String { Text.jsonQuoted(text) }

    // MARK: - Verifying

    /// Reports every frozen file that was edited, deleted or never sealed, and
    /// every entry whose seal does not match.
    func verify(frozenPaths: [String], in fileSystem: FileSystem, into diagnostics: inout DiagnosticBag) {
        let howToAmend = "a published version must not change: restore it (e.g. git checkout -- <file>) and make the change in the current document with 'reportsite amend <document> --note \"…\"'"
        var previous = ""
        var sealed: Set<String> = []
        // Frozen files by content, so a document renamed together with its
        // versions folder still matches its entries.
        var byHash: [String: String] = [:]
        for path in frozenPaths {
            if let data = try? fileSystem.read(path) { byHash[IntegrityLock.sha256(data), default: path] = path }
        }
        for entry in entries {
            let expected = IntegrityLock.seal(
                previous: previous, file: entry.file, sha256: entry.sha256, superseded: entry.superseded, note: entry.note)
            if expected != entry.seal {
                diagnostics.error(IntegrityLock.path, entry.position,
                    "the lock entry for \(entry.file) was changed by hand: its seal does not match",
                    note: "restore versions.lock from version control; \(howToAmend)")
            }
            previous = entry.seal
            var file = "\(ContentLoader.contentFolder)/\(entry.file)"
            if !fileSystem.exists(file), let moved = byHash[entry.sha256] { file = moved }
            sealed.insert(file)
            guard let data = try? fileSystem.read(file) else {
                diagnostics.error(IntegrityLock.path, entry.position,
                    "the published version \(entry.file) is missing", note: howToAmend)
                continue
            }
            if IntegrityLock.sha256(data) != entry.sha256 {
                diagnostics.error(file, SourcePosition(line: 1, column: 1),
                    "this published version was edited after it was frozen", note: howToAmend)
            }
        }
        for path in frozenPaths where !sealed.contains(path) {
            diagnostics.error(path, SourcePosition(line: 1, column: 1), "this version file is not recorded in versions.lock",
                note: "versions are frozen by 'reportsite amend', which records them; do not add them by hand")
        }
    }
}

extension IntegrityLock.Entry: YAMLDecodable {
    public static func decode(_ node: Node, _ reader: YAMLReader) -> IntegrityLock.Entry? {
        guard let fields = reader.fields(node, "a lock entry") else { return nil }
        let file: String? = fields.required("file")
        let sha256: String? = fields.required("sha256")
        let superseded: Day? = fields.required("superseded")
        let note: String? = fields.required("note")
        let seal: String? = fields.required("seal")
        fields.finish()
        guard let file, let sha256, let superseded, let note, let seal else { return nil }
        return IntegrityLock.Entry(
            file: file, sha256: sha256, superseded: superseded, note: note, seal: seal, position: reader.position(node))
    }
}
