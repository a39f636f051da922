import Foundation

/// What the last build wrote, so this one renders and writes only what
/// changed: each page's fingerprint and each file's SHA-256, size and
/// modification time, and where the files are (an output folder on disk, or
/// the preview's memory).
public struct PreviousOutput: Sendable {
    public struct Record: Sendable, Equatable {
        public var path: String
        public var size: Int
        /// Modification time in nanoseconds, as stat(2) gave it after the build.
        public var modified: Int
        public var sha256: String
        public var fingerprint: String?
        /// See `PageInputs`.
        public var inputsKey: String?

        public init(path: String, size: Int, modified: Int, sha256: String, fingerprint: String?, inputsKey: String? = nil) {
            self.path = path
            self.size = size
            self.modified = modified
            self.sha256 = sha256
            self.fingerprint = fingerprint
            self.inputsKey = inputsKey
        }
    }

    enum Storage: Sendable {
        /// The output folder's path, ending in "/".
        case folder(String)
        case memory([String: Data])
    }

    let storage: Storage
    let records: [String: Record]

    /// The files of the build in `folder`, as the stamp recorded them.
    public init(folder: URL, records: [Record]) {
        let path = folder.standardizedFileURL.path(percentEncoded: false)
        storage = .folder(path.hasSuffix("/") ? path : path + "/")
        self.records = Dictionary(records.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The files of a build held in memory (the preview server).
    public init(files: [OutputFile]) {
        var data: [String: Data] = [:]
        var records: [String: Record] = [:]
        for file in files {
            data[file.path] = file.data
            records[file.path] = Record(
                path: file.path, size: file.byteCount, modified: 0, sha256: file.sha256 ?? "", fingerprint: file.fingerprint,
                inputsKey: file.inputsKey)
        }
        storage = .memory(data)
        self.records = records
    }

    /// The previous build's page at `path`, if it was rendered from the same
    /// `fingerprint` and is still exactly as that build left it.
    func reuse(_ path: String, fingerprint: String, template: String?) -> OutputFile? {
        guard let record = records[path], record.fingerprint == fingerprint else { return nil }
        return reuse(record, template: template)
    }

    /// The previous build's page at `path`, if it was made from the same
    /// inputs (see `PageInputs`) and is still exactly as that build left it.
    /// It keeps its fingerprint, which the same inputs would give again.
    func reuse(_ path: String, inputsKey: String, template: String?) -> OutputFile? {
        guard let record = records[path], record.inputsKey == inputsKey, record.fingerprint != nil else { return nil }
        return reuse(record, template: template)
    }

    private func reuse(_ record: Record, template: String?) -> OutputFile? {
        var file: OutputFile
        switch storage {
        case let .memory(files):
            guard let data = files[record.path] else { return nil }
            file = OutputFile(path: record.path, data: data, template: template, fingerprint: record.fingerprint)
            file.sha256 = record.sha256.isEmpty ? nil : record.sha256
        case .folder:
            guard let intact = intact(record.path) else { return nil }
            file = OutputFile(
                path: record.path, reusing: intact, template: template, fingerprint: record.fingerprint, sha256: record.sha256,
                byteCount: record.size)
        }
        file.inputsKey = record.inputsKey
        return file
    }

    /// Where the previous build's copy of `path` is on disk, if it is still
    /// there with the size and time it was written with (make's rule).
    func intact(_ path: String) -> String? {
        guard case let .folder(folder) = storage, let record = records[path] else { return nil }
        let file = folder + path
        guard let stat = FileStat.of(file), stat.size == record.size, stat.modified == record.modified else { return nil }
        return file
    }

    /// Every file the previous build made.
    var paths: [String] { Array(records.keys) }

    /// What the previous build recorded of `path`.
    public func record(_ path: String) -> Record? {
        records[path]
    }

    /// The SHA-256 the previous build's `path` had, if it made one.
    func sha256(of path: String) -> String? {
        records[path]?.sha256
    }

    /// The previous build's bytes of `path`, if they are still as it left them.
    func contents(of path: String) -> Data? {
        switch storage {
        case let .memory(files): files[path]
        case .folder: intact(path).flatMap { FileManager.default.contents(atPath: $0) }
        }
    }

    /// As `contents(of:)`, mapped rather than read when it is on disk: for
    /// a large file of which most is copied as it is (the search index).
    func mappedContents(of path: String) -> Data? {
        switch storage {
        case let .memory(files): files[path]
        case .folder: intact(path).flatMap { MappedFile($0)?.data }
        }
    }

    /// The previous copy of a file with exactly these bytes, to link rather than write again.
    func identical(_ file: OutputFile) -> String? {
        guard let sha = file.sha256, let record = records[file.path], record.sha256 == sha, record.size == file.byteCount
        else { return nil }
        return intact(file.path)
    }
}
