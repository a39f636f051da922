import Foundation

/// Read access to a site folder: the seam that lets tests and the preview
/// server use an in-memory site (STYLE.md 7).
public protocol FileSystem: Sendable {
    /// Every regular file under `directory` (relative to the site root), as
    /// root-relative paths with `/` separators, sorted.
    func files(under directory: String) throws -> [String]
    func read(_ path: String) throws -> Data
    func exists(_ path: String) -> Bool
}

extension FileSystem {
    public func readText(_ path: String) throws -> SourceFile {
        try SourceFile(path: path, data: try read(path))
    }
}

extension SourceFile {
    /// The file's text, or an error pointing at its first byte that is not UTF-8.
    init(path: String, data: Data) throws {
        guard let text = String(data: data, encoding: .utf8) else {
            throw Diagnostic.error(path, firstInvalidUTF8(in: data), "the file is not valid UTF-8 text",
                note: "save it as UTF-8 (most editors offer this under 'Save as' or 'Encoding')")
        }
        self.init(path: path, text: text)
    }
}

/// Line and column of the first byte that is not valid UTF-8.
func firstInvalidUTF8(in data: Data) -> SourcePosition {
    var parser = Unicode.UTF8.ForwardParser()
    var bytes = data.makeIterator()
    var line = 1, column = 1
    while true {
        switch parser.parseScalar(from: &bytes) {
        case let .valid(encoded):
            if Unicode.UTF8.decode(encoded) == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        case .error, .emptyInput:
            return SourcePosition(line: line, column: column)
        }
    }
}

/// A site folder on disk.
public struct DiskFileSystem: FileSystem {
    public let root: URL
    /// The files of Content/ and Templates/ as `build` walked them just
    /// before (sorted), so the steps do not walk 10,000 documents again.
    let walked: [String]?

    public init(root: URL, walked: [String]? = nil) {
        self.root = root.standardizedFileURL
        self.walked = walked
    }

    public func files(under directory: String) throws -> [String] {
        if let walked, [ContentLoader.contentFolder, TemplateLibrary.folder].contains(where: { directory == $0 || directory.hasPrefix($0 + "/") }) {
            let prefix = directory + "/"
            return walked.filter { $0.hasPrefix(prefix) }
        }
        // readdir(3) and stat(2): FileManager's enumerator with resource
        // values took a third of a second for 10,000 documents.
        let rootPath = root.path(percentEncoded: false)
        var files: [FileStat.Input] = []
        FileStat.walk(rootPath.hasSuffix("/") ? rootPath : rootPath + "/", directory, into: &files)
        return files.map(\.path).sorted()
    }

    public func read(_ path: String) throws -> Data {
        try Data(contentsOf: root.appending(path: path))
    }

    public func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appending(path: path).path(percentEncoded: false))
    }
}

/// A site held in memory, for tests and previews.
public struct MemoryFileSystem: FileSystem {
    public var contents: [String: Data]

    public init(_ files: [String: String] = [:]) {
        contents = files.mapValues { Data($0.utf8) }
    }

    public init(data: [String: Data]) {
        contents = data
    }

    public func files(under directory: String) throws -> [String] {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return contents.keys.filter { $0.hasPrefix(prefix) }.sorted()
    }

    public func read(_ path: String) throws -> Data {
        guard let data = contents[path] else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
        return data
    }

    public func exists(_ path: String) -> Bool {
        contents[path] != nil || contents.keys.contains { $0.hasPrefix(path.hasSuffix("/") ? path : path + "/") }
    }
}
