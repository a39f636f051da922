import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Takes each file of a build as soon as it is made and puts it in the
/// staging folder, so pages are written while others are still rendering
/// and the build never holds the whole site in memory. The file handed back
/// keeps its path, digest and size; its bytes are read back from the
/// staging folder when the link check wants them.
///
/// A file the previous build wrote with the same bytes is hard-linked from
/// the current output instead (see `PreviousOutput`), or, when the build
/// patches the output in place, left where it is. Nothing is published
/// until `StagedDirectory` swaps the folder in or moves the new files over,
/// so a failed build still leaves the output as it was.
public final class StagingSink: @unchecked Sendable {
    public let folder: URL
    /// `folder`'s path, ending in "/".
    private let folderPath: String
    let previous: PreviousOutput?
    /// Only new and changed files go into the staging folder.
    public let patching: Bool
    private let lock = NSLock()
    private var madeFolders: Set<String> = [""]
    private var failures: [String] = []
    private var stagedPaths: [String] = []

    public init(folder: URL, previous: PreviousOutput?, patching: Bool = false) {
        self.folder = folder
        let path = folder.path(percentEncoded: false)
        folderPath = path.hasSuffix("/") ? path : path + "/"
        self.previous = previous
        self.patching = patching
    }

    /// The files written into the staging folder, in no particular order.
    public var staged: [String] { lock.withLock { stagedPaths } }

    /// The first file that could not be written, if any.
    public var failure: String? { lock.withLock { failures.sorted().first } }

    /// Stores `file` and returns it without its bytes. With `write`, the
    /// file (its digest and byte count set, its bytes not held) is written
    /// by `write` at the path it is given.
    func store(_ file: OutputFile, write: ((String) throws -> Void)? = nil) -> OutputFile {
        var stored = file
        stored.sha256 = file.sha256 ?? IntegrityLock.sha256(file.data)
        do {
            let earlier = file.reusedFrom ?? previous?.identical(stored)
            if patching, let earlier {
                // Unchanged, and already where it belongs.
                stored.data = Data()
                stored.storedAt = earlier
                return stored
            }
            try makeParent(of: file.path)
            let target = folderPath + file.path
            if earlier == nil || link(earlier!, target) != 0 {
                if let write { try write(target) } else { try PlainFile.write(file.contents(), to: target) }
            }
            if patching { lock.withLock { stagedPaths.append(file.path) } }
        } catch {
            lock.withLock { failures.append("\(file.path): \(error.localizedDescription)") }
            return file
        }
        stored.data = Data()
        stored.storedAt = folderPath + file.path
        return stored
    }

    func store(_ files: [OutputFile]) -> [OutputFile] {
        ParallelMap.map(files) { self.store($0) }
    }

    /// mkdir(2) for each missing parent, once per build (FileManager's
    /// createDirectory costs a great deal more).
    ///
    /// Not under the lock: a clean build makes 20,000 folders, and with the
    /// lock held through each mkdir the other cores waited their turn. Two
    /// threads may both try one folder; the kernel makes it once, and the
    /// other's EEXIST comes only after it is made, so neither writes into a
    /// folder that is not there yet.
    private func makeParent(of path: String) throws {
        var parents: [String] = []
        for part in path.split(separator: "/").dropLast() {
            parents.append(parents.isEmpty ? String(part) : parents[parents.count - 1] + "/" + part)
        }
        // Outermost first, so each mkdir finds its own parent made.
        let missing = lock.withLock { parents.filter { !madeFolders.contains($0) } }
        for folder in missing {
            guard mkdir(folderPath + folder, 0o755) == 0 || errno == EEXIST else {
                throw CocoaError(.fileWriteUnknown, userInfo: [
                    NSLocalizedDescriptionKey: "could not create \(folder): \(String(cString: strerror(errno)))",
                ])
            }
        }
        if !missing.isEmpty { lock.withLock { madeFolders.formUnion(missing) } }
    }
}
