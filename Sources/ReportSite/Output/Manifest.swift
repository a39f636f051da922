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
        render(files.sorted { $0.path < $1.path }.map {
            File(path: $0.path, sha256: $0.sha256 ?? IntegrityLock.sha256($0.data), bytes: $0.byteCount)
        }, contentDigest: contentDigest, sourceDateEpoch: sourceDateEpoch)
    }

    /// The manifest listing `files`, which are in path order.
    static func render(_ files: [File], contentDigest: String, sourceDateEpoch: String?) -> OutputFile {
        var list = FileList(capacity: files.count)
        for file in files {
            var (path, sha256) = (file.path, file.sha256)
            path.withUTF8 { path in sha256.withUTF8 { list.append(path: path, sha256: $0, bytes: file.bytes) } }
        }
        return render(list, contentDigest: contentDigest, sourceDateEpoch: sourceDateEpoch)
    }

    /// The manifest whose files are `list`.
    static func render(_ list: FileList, contentDigest: String, sourceDateEpoch: String?) -> OutputFile {
        var bytes = list.manifest(generator: "reportsite", inputs: Inputs(contentDigest: contentDigest, sourceDateEpoch: sourceDateEpoch))
        bytes.append(UInt8(ascii: "\n"))
        var manifest = OutputFile(path: Manifest.path, data: Data(bytes))
        manifest.sha256 = IntegrityLock.sha256(manifest.data)
        return manifest
    }

    /// The manifest as `JSONEncoder` writes it with sorted keys, pretty
    /// printed and slashes as they are, only written straight into bytes:
    /// the encoder took 50 ms of every build of a 30,000-file site.
    static func json(_ body: Body) -> [UInt8] {
        var list = FileList(capacity: body.files.count)
        for file in body.files {
            var (path, sha256) = (file.path, file.sha256)
            path.withUTF8 { path in sha256.withUTF8 { list.append(path: path, sha256: $0, bytes: file.bytes) } }
        }
        return list.manifest(generator: body.generator, inputs: body.inputs)
    }

    /// The manifest, written into one buffer as its files are listed: the
    /// 30,000 files of a large site are most of it, and a quick build lists
    /// them from its stamp's lines without making strings. Laid out as
    /// `PrettyJSONWriter` lays out the encoder's pretty printing (a test
    /// holds the two to the same bytes).
    struct FileList {
        private var writer: JSONWriter
        private var count = 0

        init(capacity: Int) {
            writer = JSONWriter(capacity: 256 + capacity * 180)
            writer.raw("{\n  \"files\" : [")
        }

        mutating func append(path: UnsafeBufferPointer<UInt8>, sha256: UnsafeBufferPointer<UInt8>, bytes: Int) {
            writer.raw(count == 0 ? "\n    {\n      \"bytes\" : " : ",\n    {\n      \"bytes\" : ")
            writer.int(bytes)
            writer.raw(",\n      \"path\" : ")
            writer.string(utf8: path)
            writer.raw(",\n      \"sha256\" : ")
            writer.string(utf8: sha256)
            writer.raw("\n    }")
            count += 1
        }

        /// The whole manifest: the list closed, then the members after it.
        consuming func manifest(generator: String, inputs: Inputs) -> [UInt8] {
            writer.raw(count == 0 ? "\n\n  ],\n  \"generator\" : " : "\n  ],\n  \"generator\" : ")
            writer.string(generator)
            writer.raw(",\n  \"inputs\" : {\n    \"contentDigest\" : ")
            writer.string(inputs.contentDigest)
            if let epoch = inputs.sourceDateEpoch {
                writer.raw(",\n    \"sourceDateEpoch\" : ")
                writer.string(epoch)
            }
            writer.raw("\n  }\n}")
            return writer.bytes
        }
    }
}
