import Foundation

/// `/manifest.json`: every output file with its SHA-256, and what the build
/// was made from, so anyone can verify a published copy of the site.
public enum Manifest {
    static let path = "manifest.json"

    struct Inputs: Encodable {
        /// SHA-256 over every input file's path and SHA-256, in path order.
        let contentDigest: String
        /// The reproducible-builds timestamp, when it was set.
        let sourceDateEpoch: String?
    }

    struct File: Encodable {
        let path: String
        let sha256: String
        let bytes: Int
    }

    struct Body: Encodable {
        let generator: String
        let inputs: Inputs
        let files: [File]
    }

    /// SHA-256 over every input's path and SHA-256, in path order.
    public static func contentDigest(_ fileSystem: FileSystem) -> String {
        let paths = ((try? fileSystem.files(under: ContentLoader.contentFolder)) ?? [])
            + ((try? fileSystem.files(under: TemplateLibrary.folder)) ?? [])
        let digests = ParallelMap.map(paths) { path in (try? fileSystem.read(path)).map(IntegrityLock.sha256) }
        return contentDigest(zip(paths, digests).compactMap { path, digest in digest.map { (path, $0) } })
    }

    /// The same from digests already known (see `InputDigests`).
    public static func contentDigest(_ inputs: [(path: String, sha256: String)]) -> String {
        let lines = inputs.sorted { $0.path < $1.path }.map { "\($0.path)\u{0}\($0.sha256)\n" }.joined()
        return IntegrityLock.sha256(Data(lines.utf8))
    }

    static func render(files: [OutputFile], contentDigest: String, sourceDateEpoch: String?) -> OutputFile {
        let body = Body(
            generator: "reportsite",
            inputs: Inputs(contentDigest: contentDigest, sourceDateEpoch: sourceDateEpoch),
            files: files.sorted { $0.path < $1.path }.map {
                File(path: $0.path, sha256: $0.sha256 ?? IntegrityLock.sha256($0.data), bytes: $0.byteCount)
            })
        var manifest = OutputFile(path: Manifest.path, data: Data(json(body)) + Data("\n".utf8))
        manifest.sha256 = IntegrityLock.sha256(manifest.data)
        return manifest
    }

    /// The manifest as `JSONEncoder` writes it with sorted keys, pretty
    /// printed and slashes as they are, only written straight into bytes:
    /// the encoder took 50 ms of every build of a 30,000-file site.
    static func json(_ body: Body) -> [UInt8] {
        var out = PrettyJSONWriter(capacity: 128 + body.files.count * 160)
        out.object { out in
            out.key("files")
            out.array(body.files) { out, file in
                out.object { out in
                    out.member("bytes", file.bytes)
                    out.member("path", file.path)
                    out.member("sha256", file.sha256)
                }
            }
            out.member("generator", body.generator)
            out.key("inputs")
            out.object { out in
                out.member("contentDigest", body.inputs.contentDigest)
                out.member("sourceDateEpoch", body.inputs.sourceDateEpoch)
            }
        }
        return out.bytes
    }
}
