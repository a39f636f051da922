import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Manifest {
    /// The manifest of a build that changed a few files and kept the rest,
    /// made from the last manifest's bytes: each changed file's `bytes` and
    /// `sha256` and the inputs' digest are written again, and every other
    /// byte is copied. Listing 30,000 files anew took a quick build longer
    /// than all it rendered. The same bytes `render` gives for the same
    /// files (a test holds the two together); nil if anything in `old` is
    /// not where the layout puts it.
    static func patch(
        _ old: UnsafeBufferPointer<UInt8>, replacing files: [(path: String, sha256: String, bytes: Int)], contentDigest: String
    ) -> (runs: ByteRuns, sha256: String)? {
        var runs = ByteRuns()
        var cursor = 0
        for file in files.sorted(by: { $0.path < $1.path }) {
            // `"bytes" : N,` then this path, then `"sha256" : "…"`.
            var path = JSONWriter()
            path.string(file.path)
            let needle = Array(",\n      \"path\" : ".utf8) + path.bytes + Array(",\n      \"sha256\" : \"".utf8)
            guard let found = find(needle, in: old, from: cursor) else { return nil }
            var start = found
            while start > cursor, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(old[start - 1]) { start -= 1 }
            let label = Array("\"bytes\" : ".utf8)
            guard start < found, start >= label.count, old[(start - label.count)..<start].elementsEqual(label),
                let shaEnd = find([UInt8(ascii: "\"")], in: old, from: found + needle.count)
            else { return nil }
            runs.append(old: cursor..<start)
            var written: [UInt8] = []
            written.appendDecimal(file.bytes)
            written += needle
            written += Array(file.sha256.utf8)
            runs.append(written)
            cursor = shaEnd
        }
        let label = Array("\n  \"inputs\" : {\n    \"contentDigest\" : \"".utf8)
        let close = Array("\n  }\n}\n".utf8)
        guard let inputs = find(label, in: old, from: cursor),
            let end = find([UInt8(ascii: "\"")], in: old, from: inputs + label.count), old.count >= close.count,
            old[(old.count - close.count)...].elementsEqual(close)
        else { return nil }
        runs.append(old: cursor..<(inputs + label.count))
        runs.append(Array(contentDigest.utf8))
        runs.append(old: end..<old.count)
        var hash = SHA256()
        runs.forEach(old: old) { hash.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        return (runs, Text.hex(hash.finalize()))
    }

    /// The manifest of a quick build, patched from the last one `previous`
    /// holds (see `patch`) and stored in `sink`; nil if it cannot be.
    static func stored(
        in sink: StagingSink, patching previous: PreviousOutput, replacing files: [OutputFile], contentDigest: String
    ) -> OutputFile? {
        guard let old = previous.mappedContents(of: path) else { return nil }
        let changed = files.map { (path: $0.path, sha256: $0.sha256 ?? IntegrityLock.sha256($0.data), bytes: $0.byteCount) }
        return old.withUnsafeBytes { raw -> OutputFile? in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let (runs, sha256) = patch(bytes, replacing: changed, contentDigest: contentDigest) else { return nil }
            var manifest = OutputFile(path: path, data: Data())
            manifest.sha256 = sha256
            manifest.byteCount = runs.count
            return sink.store(manifest) { try runs.write(to: $0, old: bytes) }
        }
    }

    /// Where `needle` first occurs in `bytes` at or after `from`: memchr
    /// finds each candidate for its first byte, memcmp checks the rest.
    private static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = bytes.baseAddress, let first = needle.first else { return nil }
        var next = from
        return needle.withUnsafeBytes { pattern -> Int? in
            while next + needle.count <= bytes.count, let hit = memchr(base + next, Int32(first), bytes.count - next) {
                let start = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                guard start + needle.count <= bytes.count else { return nil }
                if memcmp(base + start, pattern.baseAddress!, needle.count) == 0 { return start }
                next = start + 1
            }
            return nil
        }
    }
}
