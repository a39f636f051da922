import Foundation

/// `/manifest.json`: every output file with its SHA-256, and what the build
/// was made from, so anyone can verify a published copy of the site.
enum Manifest {
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

    static func render(files: [OutputFile], inputs: [(path: String, data: Data)], sourceDateEpoch: String?) -> OutputFile {
        let digestSource = inputs.sorted { $0.path < $1.path }
            .map { "\($0.path)\u{0}\(IntegrityLock.sha256($0.data))\n" }.joined()
        let body = Body(
            generator: "reportsite",
            inputs: Inputs(contentDigest: IntegrityLock.sha256(Data(digestSource.utf8)), sourceDateEpoch: sourceDateEpoch),
            files: files.sorted { $0.path < $1.path }.map {
                File(path: $0.path, sha256: $0.sha256 ?? IntegrityLock.sha256($0.data), bytes: $0.byteCount)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = (try? encoder.encode(body)) ?? Data()
        var manifest = OutputFile(path: "manifest.json", data: data + Data("\n".utf8))
        manifest.sha256 = IntegrityLock.sha256(manifest.data)
        return manifest
    }
}
