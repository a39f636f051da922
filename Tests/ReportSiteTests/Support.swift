import Foundation
import Testing

@testable import ReportSite

/// Paths and sites shared by the tests.
enum Fixtures {
    static let testsFolder = URL(filePath: #filePath).deletingLastPathComponent()
    static let folder = testsFolder.appending(path: "Fixtures")
    static let packageRoot = testsFolder.deletingLastPathComponent().deletingLastPathComponent()

    /// Every file under `url`, keyed by its path relative to `url`.
    static func files(in url: URL) -> [String: Data] {
        let disk = DiskFileSystem(root: url)
        var files: [String: Data] = [:]
        for path in (try? disk.files(under: "")) ?? [] {
            files[path] = try? disk.read(path)
        }
        return files
    }

    /// A fixture site in memory: its own files over the shared ones in
    /// `common/` (site.yml, about and accessibility pages), and the
    /// repository's real templates.
    static func site(_ name: String) -> MemoryFileSystem {
        var files = self.files(in: folder.appending(path: "common"))
        files.merge(self.files(in: folder.appending(path: name))) { _, own in own }
        for (path, data) in self.files(in: packageRoot.appending(path: "Templates")) {
            files["Templates/" + path] = data
        }
        files.removeValue(forKey: "expected.txt")
        return MemoryFileSystem(data: files)
    }

    /// The example site of the repository (Content/ and Templates/).
    static var exampleSite: DiskFileSystem {
        DiskFileSystem(root: packageRoot)
    }
}

/// The `reportsite` executable, run as a user runs it, on sites in
/// temporary folders.
enum Command {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static var executable: URL {
        let beside = URL(filePath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "reportsite")
        if FileManager.default.isExecutableFile(atPath: beside.path(percentEncoded: false)) { return beside }
        return Fixtures.packageRoot.appending(path: ".build/debug/reportsite")
    }

    /// Runs `launching` (the reportsite command unless told) with `arguments`.
    static func run(_ arguments: [String], in folder: URL? = nil, launching: URL? = nil) throws -> Run {
        let process = Process()
        process.executableURL = launching ?? executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A copy of `site` (a fixture in memory) in a fresh temporary folder.
    static func copy(_ site: MemoryFileSystem) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appending(path: "reportsite-cli-\(UUID().uuidString)")
        for (path, data) in site.contents {
            let url = root.appending(path: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        return root
    }

    static func read(_ url: URL) -> String? {
        (try? Data(contentsOf: url)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Every file under `folder` (dotfiles aside) with its bytes.
    static func tree(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in try DiskFileSystem(root: folder).files(under: "") where !path.hasPrefix(".") {
            files[path] = try Data(contentsOf: folder.appending(path: path))
        }
        return files
    }
}

extension BuildResult {
    func file(_ path: String) -> String? {
        files.first { $0.path == path }.map { String(decoding: $0.data, as: UTF8.self) }
    }
}

/// Renders a snippet as a document body with default options.
func html(_ markdown: String, options: MarkdownOptions = MarkdownOptions()) -> String {
    MarkdownRenderer.render(markdown, file: "test.md", options: options).html.html
}
