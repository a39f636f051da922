import Crypto
import Foundation

/// Remembers decoded documents between builds, so a rebuild parses and
/// renders only the Markdown files that changed.
///
/// An entry is keyed by the file's bytes, its path, site.yml, the base path
/// and the generator; it also records what each document link in the body
/// resolved to, and is reused only while those links still resolve the same
/// way (adding or removing one document must not invalidate the other 9,999).
///
/// In memory for the preview server; with a `folder`, also on disk
/// (`.reportsite-cache/documents/`), so `build` runs and CI jobs that restore
/// the folder reuse each other's work. Entries are the decoded `Document` in
/// `CacheCoder`'s binary form: a stale or unreadable entry is simply decoded again.
public final class DecodeCache: @unchecked Sendable {
    struct Entry: Codable {
        let key: String
        /// Document links the body used, and what each resolved to, by path:
        /// in order, so an entry encodes to the same bytes in every process.
        let links: [LinkResolution]
        /// The document without its Markdown body, which is the end of the
        /// source file from this UTF-8 offset (kept once, not twice).
        let document: Document?
        let bodyOffset: Int?
        let diagnostics: [Diagnostic]

        init(key: String, links: [String: DocumentLinkTarget], source: SourceFile, document: Document?, diagnostics: [Diagnostic]) {
            self.key = key
            self.links = links.sorted { $0.key < $1.key }.map { LinkResolution(path: $0.key, target: $0.value) }
            self.diagnostics = diagnostics
            if var document, let offset = Self.suffixOffset(of: document.markdown, in: source.text) {
                bodyOffset = offset
                document.markdown = ""
                self.document = document
            } else {
                bodyOffset = nil
                self.document = document
            }
        }

        /// The cached document with its body put back from `source`
        /// (without one, the body stays empty).
        func document(source: SourceFile?) -> Document? {
            guard var document, let bodyOffset, let source else { return document }
            document.markdown = String(source.text.utf8.dropFirst(bodyOffset)) ?? ""
            return document
        }

        /// The key an encoded entry starts with, read without decoding the rest.
        static func storedKey(_ bytes: UnsafeRawBufferPointer) -> String? {
            var reader = StreamReader(bytes: bytes, offset: 0)
            guard (try? reader.tag()) == .list, (try? reader.length()) != nil else { return nil }
            return try? reader.text()
        }

        /// How many bytes of an encoded entry hold its key and links (its
        /// first two fields, see `init(cacheFields:)`).
        static func headLength(_ data: Data) -> Int? {
            data.withUnsafeBytes { bytes -> Int? in
                var reader = StreamReader(bytes: bytes, offset: 0)
                guard (try? reader.tag()) == .list, (try? reader.length()) != nil else { return nil }
                for _ in 0..<2 {
                    guard (try? reader.skipValue()) != nil else { return nil }
                }
                return reader.offset
            }
        }

        struct LinkResolution: Codable {
            let path: String
            let target: DocumentLinkTarget
        }

        /// Where `body` starts in `text`, if `text` ends with it.
        static func suffixOffset(of body: String, in text: String) -> Int? {
            var body = body
            var text = text
            return body.withUTF8 { body in
                text.withUTF8 { text in
                    guard body.count <= text.count else { return nil }
                    let offset = text.count - body.count
                    guard body.count == 0 || memcmp(text.baseAddress! + offset, body.baseAddress!, body.count) == 0 else { return nil }
                    return offset
                }
            }
        }
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    /// Where entries are kept between processes; nil keeps them in memory only.
    public let folder: URL?
    /// `folder`'s path, ending in "/".
    private let folderPath: String?
    /// Mixed into every key: a different generator never reuses an entry.
    let generator: String
    /// Files decoded (not reused) by the last build, for tests and timing.
    public private(set) var lastDecoded: [String] = []
    /// Files whose entry on disk has another key: when their new entry is
    /// stored, the old one is kept beside it (see `lookupPrevious`).
    private var stale: Set<String> = []

    /// False for a clean build that still leaves a fresh cache behind (`build --force`).
    let reuse: Bool

    public init(folder: URL? = nil, generator: String = "", reuse: Bool = true) {
        self.folder = folder
        folderPath = folder.map { folder in
            let path = folder.path(percentEncoded: false)
            return path.hasSuffix("/") ? path : path + "/"
        }
        self.generator = generator
        self.reuse = reuse
    }

    /// The key of a file whose bytes have SHA-256 `digest` (hex), so a
    /// caller that knows the digest need not read the file.
    func key(digest: String, context: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Data(digest.utf8))
        hasher.update(data: Data(context.utf8))
        hasher.update(data: Data(generator.utf8))
        return Text.hex(hasher.finalize())
    }

    /// The entry file being decoded on this thread, when its document's body
    /// may stay there (see `DocumentBody`).
    @TaskLocal static var entryFile: String?

    /// The entry for `path` if it has `key` and its document links still
    /// resolve as they did. With `bodyInPlace`, the document's body is left
    /// in the entry's file and read from there when it is needed.
    func lookup(_ path: String, key: String, bodyInPlace: Bool = false, resolve: (String) -> DocumentLinkTarget) -> Entry? {
        guard reuse else { return nil }
        var entry = lock.withLock { entries[path] }
        // A stale entry is told by its key alone, before the rest is decoded.
        if entry?.key != key, let file = entryPath(path) {
            entry = read(file, key: key, bodyInPlace: bodyInPlace) { lock.withLock { _ = stale.insert(path) } }
        }
        guard let entry, entry.key == key, entry.links.allSatisfy({ resolve($0.path) == $0.target }) else { return nil }
        if folder == nil { lock.withLock { entries[path] = entry } }
        return entry
    }

    /// The entry for `path` with `key`, or the one the cache kept when a
    /// newer one replaced it (a `check` or a failed build since): a quick
    /// build compares a document with how the last build saw it. Found in
    /// the entry's own file, it is kept beside the one stored next, as the
    /// last build's until the next build succeeds. Its body is read into memory.
    func lookupPrevious(_ path: String, key: String, resolve: (String) -> DocumentLinkTarget) -> Entry? {
        guard reuse, let file = entryPath(path) else { return nil }
        for candidate in [file, file + Self.previousSuffix] {
            if let entry = read(candidate, key: key, bodyInPlace: false, stale: {}),
                entry.links.allSatisfy({ resolve($0.path) == $0.target })
            {
                if candidate == file { lock.withLock { _ = stale.insert(path) } }
                return entry
            }
        }
        return nil
    }

    /// The entry in `file` if it has `key`; `stale` is called when it has another.
    private func read(_ file: String, key: String, bodyInPlace: Bool, stale: () -> Void) -> Entry? {
        PlainFile.withContents(file) { bytes -> Entry? in
            guard Entry.storedKey(bytes) == key else {
                stale()
                return nil
            }
            return try? Self.$entryFile.withValue(bodyInPlace ? file : nil) {
                try CacheCoder.decode(Entry.self, from: bytes)
            }
        } ?? nil
    }

    /// What a replaced entry's file is renamed to.
    static let previousSuffix = ".prev"

    /// A body left in its entry file (see `lookup`). Only another process
    /// writes entries this build has read (a `check` or `build` of the same
    /// site when a document changes under it), or a damaged disk; the digest
    /// tells, and the build stops rather than publish a page with the wrong
    /// body. The entry goes, so the next build decodes the document again.
    static func readBody(_ path: String, _ extent: BodySpill.Extent, digest: String) -> TrustedHTML {
        let text = PlainFile.read(path, offset: extent.offset, count: extent.count)
        if let text, DocumentBody.digest(of: text) == digest {
            return TrustedHTML(text)
        }
        unlink(path)
        FileHandle.standardError.write(Data("reportsite: error: the cache entry \(path) changed during the build or is damaged (is another reportsite building this site?); it has been removed, so run the build again\n".utf8))
        exit(2)
    }

    func store(_ path: String, _ entry: Entry) {
        // On disk, entries are not also kept in memory: a `build` process
        // reads each once, and keeping them held every document twice.
        let replacing = lock.withLock {
            if folder == nil { entries[path] = entry }
            lastDecoded.append(path)
            return stale.remove(path) != nil
        }
        guard let file = entryPath(path) else { return }
        // The entry this one replaces stays beside it (see `lookupPrevious`).
        if replacing { rename(file, file + Self.previousSuffix) }
        // A cache that cannot be written only costs time on the next build.
        // Not written atomically (temporary file and rename cost 4 % of a
        // build): a torn entry fails to read back and is decoded again.
        guard let data = try? CacheCoder.encode(entry) else { return }
        // `build --force` decodes every file again but finds most entries as
        // they were; rewriting an existing file makes ext4 write it out on
        // close, which cost seconds for 10,000 entries. An entry of the same
        // size, key and links is, by `lookup`'s own rule, the same entry.
        // (Not in other builds: there, a store after a lookup means the old
        // entry differs or is damaged.)
        if !reuse, let head = Entry.headLength(data), PlainFile.matches(file, size: data.count, prefix: data.prefix(head)) {
            return
        }
        if (try? PlainFile.write(data, to: file)) == nil {
            try? FileManager.default.createDirectory(
                atPath: String(file[..<file.lastIndex(of: "/")!]), withIntermediateDirectories: true)
            try? PlainFile.write(data, to: file)
        }
    }

    /// Starts a build: forgets files that no longer exist.
    func begin(paths: Set<String>) {
        lock.withLock {
            entries = entries.filter { paths.contains($0.key) }
            lastDecoded = []
        }
        if let folder { try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
    }

    /// Removes entries on disk for files that no longer exist.
    func finish(paths: Set<String>) {
        guard let folderPath else { return }
        // Every current file has an entry by now, so as many entries as files
        // means none is stale: counting them is a readdir per folder, where
        // listing them and hashing every path took 0.02 s of a one-document
        // build. (A file whose entry could not be written lets one stale
        // entry wait for a later build: it costs disk, never a wrong page.)
        if Self.entryCount(in: folderPath) == paths.count { return }
        let fm = FileManager.default
        let kept = Set(paths.compactMap(entryPath).flatMap { [$0, $0 + Self.previousSuffix] })
        for sub in (try? fm.contentsOfDirectory(atPath: folderPath)) ?? [] {
            let subfolder = folderPath + sub + "/"
            guard let names = try? fm.contentsOfDirectory(atPath: subfolder) else {
                try? fm.removeItem(atPath: folderPath + sub)  // an entry from an older layout (not a folder, so no "/")
                continue
            }
            for name in names where !kept.contains(subfolder + name) {
                try? fm.removeItem(atPath: subfolder + name)
            }
        }
    }

    /// How many entries the entry folders hold (replaced ones aside), or
    /// nil when the folder holds anything else (an older layout, which
    /// `finish` clears).
    static func entryCount(in folder: String) -> Int? {
        var count = 0
        let ok = FileStat.entries(of: folder) { sub, type in
            type == Int32(DT_DIR) && FileStat.entries(of: folder + sub) { name, type in
                if !name.hasSuffix(previousSuffix) { count += 1 }
                return type == Int32(DT_REG)
            }
        }
        return ok ? count : nil
    }

    /// Where `path`'s entry is kept, spread over 256 folders (one folder of
    /// 10,000 files serialises the writers). Made as a string: building a
    /// `URL` twice per document took 2 % of a one-document build.
    private func entryPath(_ path: String) -> String? {
        folderPath.map { folder in
            let name = IntegrityLock.sha256(Data(path.utf8)).prefix(32)
            return folder + name.prefix(2) + "/" + name + ".bin"
        }
    }
}

/// Records the document links a body resolves, for `DecodeCache`.
final class LinkLookups: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var seen: [String: DocumentLinkTarget] = [:]
    let resolve: @Sendable (String) -> DocumentLinkTarget

    init(_ resolve: @escaping @Sendable (String) -> DocumentLinkTarget) {
        self.resolve = resolve
    }

    func callAsFunction(_ path: String) -> DocumentLinkTarget {
        let target = resolve(path)
        lock.withLock { seen[path] = target }
        return target
    }
}
