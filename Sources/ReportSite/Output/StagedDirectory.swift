import Foundation

/// Writes a build into a staging folder beside the output folder and swaps
/// it in only when every file is written, so a failed or interrupted build
/// leaves the previous Output/ as it was.
public struct StagedDirectory {
    public let destination: URL
    let staging: URL

    public init(destination: URL) {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        staging = parent.appending(path: ".\(self.destination.lastPathComponent).staging-\(ProcessInfo.processInfo.processIdentifier)")
    }

    /// Why the destination must not be replaced, if it must not: it holds the
    /// site's sources, or it has files that no build of ours wrote. A build
    /// replaces its output folder wholesale, so pointing `--output` at the
    /// wrong folder must fail, not delete it.
    public func refusal(siteRoot: URL) -> String? {
        let fm = FileManager.default
        let destinationPath = destination.path(percentEncoded: false).trimmingSuffix("/")
        let rootPath = siteRoot.standardizedFileURL.path(percentEncoded: false).trimmingSuffix("/")
        if rootPath == destinationPath || rootPath.hasPrefix(destinationPath + "/") {
            return "\(destinationPath) holds the site's own files; choose an output folder of its own"
        }
        guard let entries = try? fm.contentsOfDirectory(atPath: destinationPath) else { return nil }
        let visible = entries.filter { !$0.hasPrefix(".") }
        if visible.isEmpty || entries.contains("manifest.json") { return nil }
        return "\(destinationPath) is not empty and was not written by reportsite (it has no manifest.json); refusing to replace it"
    }

    /// Starts writing a build: an empty staging folder, and the sink that
    /// puts each file there as soon as it is made.
    public func begin(previous: PreviousOutput? = nil) throws -> StagingSink {
        let fm = FileManager.default
        try? fm.removeItem(at: staging)
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        return StagingSink(folder: staging, previous: previous)
    }

    /// Stores the files the build still holds, then swaps the staging folder
    /// in for the destination. On any failure the staging folder is removed
    /// and the destination is left as it was.
    public func commit(_ files: [OutputFile], sink: StagingSink) throws {
        do {
            _ = sink.store(files.filter { $0.storedAt == nil })
            if let failure = sink.failure {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: failure])
            }
            try keepDotfiles()
            try swap()
        } catch {
            abandon()
            throw error
        }
    }

    /// Drops the staging folder of a build that failed.
    public func abandon() {
        try? FileManager.default.removeItem(at: staging)
    }

    /// Top-level dotfiles the build did not write (`.git` of a Pages
    /// checkout, `.gitkeep`) belong to the user: carry them over.
    private func keepDotfiles() throws {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: destination.path(percentEncoded: false)) else { return }
        for name in entries.sorted() where name.hasPrefix(".") {
            let target = staging.appending(path: name)
            if fm.fileExists(atPath: target.path(percentEncoded: false)) { continue }
            try fm.copyItem(at: destination.appending(path: name), to: target)
        }
    }

    /// Old output aside, new output in, old output removed. If the second
    /// rename fails the old output is put back.
    private func swap() throws {
        let fm = FileManager.default
        let old = destination.deletingLastPathComponent()
            .appending(path: ".\(destination.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
        let hadOld = fm.fileExists(atPath: destination.path(percentEncoded: false))
        if hadOld {
            try? fm.removeItem(at: old)
            try fm.moveItem(at: destination, to: old)
        }
        do {
            try fm.moveItem(at: staging, to: destination)
        } catch {
            if hadOld { try? fm.moveItem(at: old, to: destination) }
            throw error
        }
        if hadOld { try? fm.removeItem(at: old) }
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) && count > suffix.count ? String(dropLast(suffix.count)) : self
    }
}
