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

extension BuildResult {
    func file(_ path: String) -> String? {
        files.first { $0.path == path }.map { String(decoding: $0.data, as: UTF8.self) }
    }
}

/// Renders a snippet as a document body with default options.
func html(_ markdown: String, options: MarkdownOptions = MarkdownOptions()) -> String {
    MarkdownRenderer.render(markdown, file: "test.md", options: options).html.html
}
