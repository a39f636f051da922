import Foundation
import Testing

@testable import ReportSite

/// The executable's digest, which names the generator in the decode cache:
/// worked out from its bytes, and kept beside the cache only while the file
/// keeps the identity it had.
@Suite struct GeneratorDigestTests {
    @Test func theDigestIsKeptForTheIdentityItWasMadeFor() throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "reportsite-generator-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let executable = root.appending(path: "reportsite").path(percentEncoded: false)
        let (one, two) = (Data("the first build of the generator".utf8), Data("the second".utf8))
        try one.write(to: URL(filePath: executable))

        #expect(GeneratorDigest.kept(executable: executable, identity: "first", root: root) == IntegrityLock.sha256(one))
        // The kept digest answers while the identity is the same: the file is not read again.
        try two.write(to: URL(filePath: executable))
        #expect(GeneratorDigest.kept(executable: executable, identity: "first", root: root) == IntegrityLock.sha256(one))
        // A rebuilt executable has another identity (its inode and times).
        #expect(GeneratorDigest.kept(executable: executable, identity: "second", root: root) == IntegrityLock.sha256(two))

        // A damaged file is worked out again.
        let kept = root.appending(path: BuildStamp.folder).appending(path: GeneratorDigest.name)
        try Data("reportsite generator 1\nthird\n0123".utf8).write(to: kept)
        #expect(GeneratorDigest.kept(executable: executable, identity: "third", root: root) == IntegrityLock.sha256(two))
        // An executable of several read buffers' length is hashed whole.
        let large = Data((0..<(5 << 19) + 123).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) })
        try large.write(to: URL(filePath: executable))
        #expect(GeneratorDigest.kept(executable: executable, identity: "large", root: root) == IntegrityLock.sha256(large))
        // No executable, no digest.
        try FileManager.default.removeItem(atPath: executable)
        #expect(GeneratorDigest.kept(executable: executable, identity: "fourth", root: root) == nil)
    }
}
