import Foundation

/// `reportsite amend`: records a major change. The current version is frozen
/// beside the document (`<slug>.versions/v<N>.md`) and sealed in the lock,
/// and a dated change note is added to the document, which becomes version N+1.
public enum Amendment {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public struct Outcome: Sendable {
        /// The frozen copy, relative to the site root.
        public let frozenPath: String
        public let newVersion: Int
    }

    /// Amends `documentPath` (relative to the site root, or to Content/).
    /// The site must check cleanly before and after, or nothing is changed.
    public static func amend(root: URL, documentPath: String, note: String, date: Day) throws -> Outcome {
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !note.isEmpty else { throw Failure(description: "the change note is empty: say what changed and why") }
        let fileSystem = DiskFileSystem(root: root)
        let path = documentPath.hasPrefix(ContentLoader.contentFolder + "/") ? documentPath : "\(ContentLoader.contentFolder)/\(documentPath)"
        var ignored = DiagnosticBag()
        guard fileSystem.exists(path), let job = ContentLoader.classify(path, into: &ignored), job.version == nil, job.kind.isListed
        else {
            throw Failure(description: "\(documentPath) is not a meeting, report or response in Content/")
        }
        let before = SiteBuilder.build(fileSystem)
        guard before.succeeded else {
            throw Failure(description: "fix these problems first, then amend:\n" + before.formattedDiagnostics())
        }
        let version = (before.documents.first { $0.path == path }?.versionNumber) ?? 1

        let frozenPath = "\(ContentLoader.contentFolder)/\(job.kind.folder)/\(job.slug)\(ContentLoader.versionsSuffix)/v\(version).md"
        let original = try fileSystem.read(path)
        let lockURL = root.appending(path: IntegrityLock.path)
        let originalLock = try? Data(contentsOf: lockURL)
        var sources: [String: SourceFile] = [:]
        var lock = IntegrityLock.load(from: fileSystem, diagnostics: &ignored, sources: &sources)
        let amended = try addingChangeNote(to: String(decoding: original, as: UTF8.self), date: date, note: note)

        let frozenURL = root.appending(path: frozenPath)
        guard !FileManager.default.fileExists(atPath: frozenURL.path(percentEncoded: false)) else {
            throw Failure(description: "\(frozenPath) already exists; it is a published version and is never overwritten")
        }
        try FileManager.default.createDirectory(at: frozenURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        try original.write(to: frozenURL)
        lock.append(file: String(frozenPath.dropFirst(ContentLoader.contentFolder.count + 1)), data: original, superseded: date, note: note)
        try Data(lock.text.utf8).write(to: lockURL)
        try Data(amended.utf8).write(to: root.appending(path: path))

        let after = SiteBuilder.build(fileSystem)
        guard after.succeeded else {
            // Put everything back as it was.
            try? original.write(to: root.appending(path: path))
            try? FileManager.default.removeItem(at: frozenURL)
            if let originalLock { try? originalLock.write(to: lockURL) } else { try? FileManager.default.removeItem(at: lockURL) }
            throw Failure(description: "the amendment was undone because the site no longer checked:\n" + after.formattedDiagnostics())
        }
        return Outcome(frozenPath: frozenPath, newVersion: version + 1)
    }

    /// Adds `- {date, note}` to the front matter's `changes:` list (creating
    /// it if needed), leaving every other line as the author wrote it.
    public static func addingChangeNote(to text: String, date: Day, note: String) throws -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
            let close = lines.indices.dropFirst().first(where: {
                ["---", "..."].contains(lines[$0].trimmingCharacters(in: .whitespaces))
            })
        else { throw Failure(description: "the document has no front matter between '---' lines") }
        let quotedNote = Text.jsonQuoted(note)
        if let key = lines[1..<close].firstIndex(where: { $0.hasPrefix("changes:") }) {
            let value = lines[key].dropFirst("changes:".count).trimmingCharacters(in: .whitespaces)
            var itemIndent = "  "
            var end = key
            if value.isEmpty || value == "[]" {
                if value == "[]" { lines[key] = "changes:" }
                var index = key + 1
                while index < close, lines[index].hasPrefix(" ") || lines[index].hasPrefix("-") || lines[index].isEmpty {
                    if lines[index].trimmingCharacters(in: .whitespaces).hasPrefix("- ") {
                        itemIndent = String(lines[index].prefix { $0 == " " })
                    }
                    if !lines[index].isEmpty { end = index }
                    index += 1
                }
            } else {
                throw Failure(description: "write 'changes:' as a list with one '- date: …' item per line, then amend again")
            }
            lines.insert(contentsOf: [
                "\(itemIndent)- date: \(date.iso)", "\(itemIndent)  note: \(quotedNote)",
            ], at: end + 1)
        } else {
            lines.insert(contentsOf: ["changes:", "  - date: \(date.iso)", "    note: \(quotedNote)"], at: close)
        }
        return lines.joined(separator: "\n")
    }
}
