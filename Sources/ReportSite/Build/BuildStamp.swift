import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the last build into an output folder read and wrote. It lets `build`
/// skip all the work when nothing it reads has changed and the folder is
/// still as it left it, and it tells the next build which pages and files it
/// can reuse (see `PreviousOutput`).
///
/// Like make, it first compares each input's size and modification time;
/// when those differ it compares content, hashing only the files whose size
/// or time changed. The keys also cover the build options and the generator
/// itself, so any change rebuilds. The stamp lives in
/// `<root>/.reportsite-cache/`, never in the published output.
public struct BuildStamp: Sendable, Equatable {
    public static let folder = ".reportsite-cache"

    public var key: String
    /// The same by content rather than times (see `contentKey`).
    public var contentKey: String
    /// The problems that build reported (warnings), shown again when it is reused.
    public var report: String
    public var documentCount: Int
    public var pageCount: Int
    /// Every output file as written: size and time (to notice a deleted or
    /// altered file), SHA-256 and page fingerprint (to reuse it next time).
    public var outputs: [PreviousOutput.Record]
    /// Every input file with its size, time and SHA-256, so the next build
    /// hashes only the files whose size or time changed (as git's index does).
    public var inputs: [PreviousOutput.Record] = []

    public init(
        key: String, contentKey: String, report: String, documentCount: Int, pageCount: Int, outputs: [PreviousOutput.Record],
        inputs: [PreviousOutput.Record] = []
    ) {
        self.inputs = inputs
        self.key = key
        self.contentKey = contentKey
        self.report = report
        self.documentCount = documentCount
        self.pageCount = pageCount
        self.outputs = outputs
    }

    public static func == (a: BuildStamp, b: BuildStamp) -> Bool {
        a.key == b.key && a.report == b.report && a.outputs.map(\.path) == b.outputs.map(\.path)
    }

    /// The key of a build of the site whose inputs are `files` (see
    /// `FileStat.inputs`) with `options` by `generator`, into `output`.
    public static func key(files: [FileStat.Input], options: BuildOptions, generator: String, output: URL) -> String {
        let head = [generator, output.path(percentEncoded: false), options.baseURL ?? "", options.includeDrafts ? "drafts" : "",
            options.sourceDateEpoch ?? ""].joined(separator: "\n") + "\n"
        // `path\tsize\tmodified\n` per file, written straight into bytes
        // (interpolating 10,000 lines was a tenth of a quick build).
        var text = Array(head.utf8)
        text.reserveCapacity(text.count + files.count * 96)
        for file in files {
            text.append(contentsOf: file.path.utf8)
            text.append(UInt8(ascii: "\t"))
            text.appendDecimal(file.size)
            text.append(UInt8(ascii: "\t"))
            text.appendDecimal(file.modified)
            text.append(UInt8(ascii: "\n"))
        }
        return IntegrityLock.sha256(Data(text))
    }

    /// The key by content: every input's bytes instead of its time, and the
    /// generator's bytes instead of its file's time. A fresh checkout (CI,
    /// with the cache restored) has new times on everything and the same
    /// content: this notices, reading only the inputs whose time changed.
    public static func contentKey(contentDigest: String, options: BuildOptions, generator: String, output: URL) -> String {
        let text = [generator, output.path(percentEncoded: false), options.baseURL ?? "", options.includeDrafts ? "drafts" : "",
            options.sourceDateEpoch ?? "", contentDigest].joined(separator: "\n")
        return IntegrityLock.sha256(Data(text.utf8))
    }

    static func url(root: URL, output: URL) -> URL {
        companion(.stamp, root: root, output: output)
    }

    /// The files kept for each output folder, named after it alike, so they
    /// go when the folder does (see `prune`).
    public enum Companion: CaseIterable, Sendable {
        /// The stamp itself.
        case stamp
        /// What a quick build needs of the last one (see `QuickBuild.State`).
        case quickState
        /// Where the parts of the folder's search index lie (see `SearchIndex.Layout`).
        case searchLayout

        var affixes: (prefix: String, suffix: String) {
            switch self {
            case .stamp: ("build-", ".txt")
            case .quickState: ("quick-", ".bin")
            case .searchLayout: ("search-words-", ".layout")
            }
        }
    }

    /// Where `companion` of the builds into `output` is kept.
    public static func companion(_ companion: Companion, root: URL, output: URL) -> URL {
        let (prefix, suffix) = companion.affixes
        let name = prefix + IntegrityLock.sha256(Data(output.path(percentEncoded: false).utf8)).prefix(16) + suffix
        return root.appending(path: folder).appending(path: name)
    }

    /// The stamp of the last build into `output`, whatever its key.
    /// Removes the stamp, so the output counts as unknown until a build
    /// finishes and saves a new one.
    public static func forget(root: URL, output: URL) {
        try? FileManager.default.removeItem(at: url(root: root, output: output))
    }

    public static func last(root: URL, output: URL) -> BuildStamp? {
        (try? Data(contentsOf: url(root: root, output: output))).flatMap(BuildStamp.init(text:))
    }

    /// Records a successful build into `output`, and forgets the builds
    /// into folders that are gone (a stamp of a large site is megabytes).
    public func save(root: URL, output: URL) {
        let bytes = bytes(output: output)
        BuildStamp.replaceFile(at: BuildStamp.url(root: root, output: output)) { try PlainFile.write(Data(bytes), to: $0) }
        BuildStamp.prune(root: root, output: output)
    }

    /// Removes the stamps (but `output`'s) whose output folder no longer
    /// exists, and those of an older format, which this generator cannot use.
    public static func prune(root: URL, output: URL) {
        let fm = FileManager.default
        let kept = url(root: root, output: output).lastPathComponent
        let folder = root.appending(path: Self.folder)
        let names = (try? fm.contentsOfDirectory(atPath: folder.path(percentEncoded: false))) ?? []
        for name in names where name != kept && name.hasPrefix("build-") && name.hasSuffix(".txt") {
            let url = folder.appending(path: name)
            if let output = outputFolder(of: url), fm.fileExists(atPath: output) { continue }
            try? fm.removeItem(at: url)
        }
        // The layout of before there was one per output folder.
        if names.contains("search-words.layout") { try? fm.removeItem(at: folder.appending(path: "search-words.layout")) }
        // The other companions go with their stamp.
        let stamp = Companion.stamp.affixes
        for (prefix, suffix) in Companion.allCases.filter({ $0 != .stamp }).map(\.affixes) {
            for name in names where name.hasPrefix(prefix) && name.hasSuffix(suffix) {
                let id = name.dropFirst(prefix.count).dropLast(suffix.count)
                if !fm.fileExists(atPath: folder.appending(path: stamp.prefix + id + stamp.suffix).path(percentEncoded: false)) {
                    try? fm.removeItem(at: folder.appending(path: name))
                }
            }
        }
    }

    /// The output folder a stamp file was written for, from its first lines.
    static func outputFolder(of url: URL) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 8192) else { return nil }
        let lines = head.split(separator: UInt8(ascii: "\n"), maxSplits: 2, omittingEmptySubsequences: false)
        guard lines.count == 3, String(decoding: lines[0], as: UTF8.self) == formatLine else { return nil }
        return String(decoding: lines[1], as: UTF8.self)
    }

    // MARK: - A plain text format: quick to read back for 40,000 files

    static let formatLine = "reportsite build stamp 6"

    /// The stamp's text, written straight into bytes: as one interpolated
    /// `String`, its 50,000 lines took longer than writing them to disk.
    func bytes(output: URL) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + report.utf8.count + (outputs.count + inputs.count) * 220)
        Self.appendHeader(
            to: &out, output: output.path(percentEncoded: false), key: key, contentKey: contentKey, documentCount: documentCount,
            pageCount: pageCount, report: report)
        for file in outputs { Self.appendLine(file, kind: file.fingerprint ?? "-", to: &out) }
        for file in inputs { Self.appendLine(file, kind: "input", to: &out) }
        return out
    }

    /// The lines before the records: format, output folder, keys, counts, the report.
    static func appendHeader(
        to out: inout [UInt8], output: String, key: String, contentKey: String, documentCount: Int, pageCount: Int, report: String
    ) {
        out.append(contentsOf: "\(formatLine)\n\(output)\n\(key)\n\(contentKey)\n\(documentCount)\n\(pageCount)\n\(report.split(separator: "\n", omittingEmptySubsequences: false).count)\n".utf8)
        out.append(contentsOf: report.utf8)
        out.append(UInt8(ascii: "\n"))
    }

    /// One record's line (see `Lines`).
    static func appendLine(_ file: PreviousOutput.Record, kind: String, to out: inout [UInt8]) {
        let tab = UInt8(ascii: "\t")
        out.appendDecimal(file.size)
        out.append(tab)
        out.appendDecimal(file.modified)
        out.append(tab)
        out.append(contentsOf: file.sha256.utf8)
        out.append(tab)
        out.append(contentsOf: kind.utf8)
        out.append(tab)
        out.append(contentsOf: (file.inputsKey ?? "-").utf8)
        out.append(tab)
        out.append(contentsOf: file.path.utf8)
        out.append(UInt8(ascii: "\n"))
    }

    init?(text data: Data) {
        guard let lines = Lines(MappedFile(copying: data)) else { return nil }
        self = lines.stamp
    }
}

/// The SHA-256 of every input file (Content/ and Templates/), hashing only
/// those whose size or time differs from what the last build recorded.
public enum InputDigests {
    public static func of(root: URL, files: [FileStat.Input], known: [PreviousOutput.Record]) -> [PreviousOutput.Record] {
        let rootPath = root.path(percentEncoded: false)
        let base = rootPath.hasSuffix("/") ? rootPath : rootPath + "/"
        let known = Dictionary(known.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        return ParallelMap.map(files) { file -> PreviousOutput.Record? in
            if let record = known[file.path], record.size == file.size, record.modified == file.modified { return record }
            guard let data = FileManager.default.contents(atPath: base + file.path) else { return nil }
            return PreviousOutput.Record(
                path: file.path, size: file.size, modified: file.modified, sha256: IntegrityLock.sha256(data), fingerprint: nil)
        }.compactMap { $0 }
    }

    /// The manifest's content digest of these inputs.
    public static func contentDigest(_ inputs: [PreviousOutput.Record]) -> String {
        Manifest.contentDigest(inputs.map { ($0.path, $0.sha256) })
    }
}
