import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
    /// puts each file there as soon as it is made. With `patching`, only new
    /// and changed files are staged, for `patch` to move into place.
    public func begin(previous: PreviousOutput? = nil, patching: Bool = false) throws -> StagingSink {
        let fm = FileManager.default
        try? fm.removeItem(at: staging)
        removeAbandonedStaging()
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        return StagingSink(folder: staging, previous: previous, patching: patching)
    }

    /// Removes the staging folders of builds into the same destination whose
    /// process is gone (killed, or stopped by an error it could not recover
    /// from), so they do not pile up beside the output.
    func removeAbandonedStaging() {
        let parent = staging.deletingLastPathComponent()
        let prefix = ".\(destination.lastPathComponent).staging-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path(percentEncoded: false))) ?? []
        where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0, errno == ESRCH { try? FileManager.default.removeItem(at: parent.appending(path: name)) }
        }
    }

    /// Moves the new and changed files of an incremental build over their
    /// old copies and removes the files the last build made and this one does not,
    /// leaving every unchanged file alone. Staging the whole site beside it
    /// (20,000 folders and 30,000 links on the 10,000-document benchmark) and
    /// removing the old tree took longer than the rest of a one-document
    /// build.
    ///
    /// Each file is replaced by a rename, so none is ever half-written, but
    /// the folder is a mix of old and new files until the last rename. The
    /// caller forgets the build stamp first: an interrupted patch leaves no
    /// stamp, and the next build starts afresh.
    public func patch(_ files: [OutputFile], sink: StagingSink) throws {
        let made = Set(files.map(\.path))
        try patch(files, sink: sink, removing: (sink.previous?.paths ?? []).filter { !made.contains($0) })
    }

    /// As `patch(_:sink:)`, removing the files at `stale` (output paths)
    /// instead of those the previous build made and `files` do not name.
    func patch(_ files: [OutputFile], sink: StagingSink, removing stale: [String]) throws {
        try storeRest(of: files, in: sink)
        let base = destination.path(percentEncoded: false).trimmingSuffix("/") + "/"
        let from = staging.path(percentEncoded: false).trimmingSuffix("/") + "/"
        var folders: Set<String> = []
        for path in sink.staged.sorted() {
            let folder = String(path.split(separator: "/").dropLast().joined(separator: "/"))
            if !folder.isEmpty, folders.insert(folder).inserted {
                try FileManager.default.createDirectory(atPath: base + folder, withIntermediateDirectories: true)
            }
            guard rename(from + path, base + path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [
                    NSLocalizedDescriptionKey: "could not move \(path) into place: \(String(cString: strerror(errno)))",
                ])
            }
        }
        for path in stale.sorted() {
            unlink(base + path)
            // Folders the removed file leaves empty go too (rmdir fails on any other).
            var parts = path.split(separator: "/").dropLast()
            while !parts.isEmpty, rmdir(base + parts.joined(separator: "/")) == 0 { parts = parts.dropLast() }
        }
        abandon()
    }

    /// Stores the files the build still holds, then swaps the staging folder
    /// in for the destination. On any failure the staging folder is removed
    /// and the destination is left as it was.
    public func commit(_ files: [OutputFile], sink: StagingSink) throws {
        try storeRest(of: files, in: sink)
        do {
            try keepDotfiles()
            try swap()
        } catch {
            abandon()
            throw error
        }
    }

    /// Stores the files the build still holds; on any failure the staging
    /// folder is dropped and the output folder not touched.
    private func storeRest(of files: [OutputFile], in sink: StagingSink) throws {
        _ = sink.store(files.filter { $0.storedAt == nil })
        if let failure = sink.failure {
            abandon()
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: failure])
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
