import Foundation

/// SHA-256 of the reportsite executable, which the decode cache is keyed by:
/// the cache may be restored onto another machine (CI), where a file's path
/// and times mean nothing, so only its bytes name the generator there.
///
/// Hashing the executable (over 100 MB with the Swift runtime linked in)
/// took 55 ms, and a build after a title edit waited for it. The digest is
/// kept in `.reportsite-cache/generator` beside the file's identity (path,
/// inode, size, modification and change times: see `FileStat.identity`),
/// and used again while the executable has that identity on this machine.
public enum GeneratorDigest {
    static let name = "generator"

    /// Digests worked out in this process, by the identity they are for.
    private static let known = Known()

    private final class Known: @unchecked Sendable {
        let lock = NSLock()
        var digests: [String: String] = [:]
    }

    /// The digest of the executable at `path`, whose identity is
    /// `identity`, kept in `root`'s cache folder; nil when it cannot be read.
    /// Worked out once per process: a second caller waits for the first.
    public static func of(executable path: String, identity: String, root: URL) -> String? {
        known.lock.withLock {
            if let digest = known.digests[identity] { return digest }
            let digest = kept(executable: path, identity: identity, root: root)
            if let digest { known.digests[identity] = digest }
            return digest
        }
    }

    static func kept(executable path: String, identity: String, root: URL) -> String? {
        let file = root.appending(path: BuildStamp.folder).appending(path: name).path(percentEncoded: false)
        let header = "reportsite generator 1\n\(identity)\n"
        if let kept = FileManager.default.contents(atPath: file).map({ String(decoding: $0, as: UTF8.self) }),
            kept.hasPrefix(header)
        {
            let digest = kept.dropFirst(header.count).prefix { $0 != "\n" }
            if digest.count == 64, digest.allSatisfy(\.isHexDigit) { return String(digest) }
        }
        guard let digest = PlainFile.sha256(path) else { return nil }
        // One that cannot be kept only costs the next build the hashing.
        try? FileManager.default.createDirectory(
            at: root.appending(path: BuildStamp.folder), withIntermediateDirectories: true)
        try? PlainFile.write(Data((header + digest + "\n").utf8), to: file)
        return digest
    }
}
