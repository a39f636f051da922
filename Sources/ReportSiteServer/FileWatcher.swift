import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Tells which files under a site's folders changed: added, edited, renamed
/// (as a removal and an addition) or deleted, including in new sub-folders.
///
/// On Linux it uses inotify, one watch per directory, adding watches as
/// folders appear (inotify is not recursive). Elsewhere it compares
/// snapshots of modification times every `interval`. Either way, changes
/// that arrive together (an editor's save is several events) are reported as
/// one batch after a short quiet period.
public final class FileWatcher: @unchecked Sendable {
    public let root: URL
    public let folders: [String]
    let quietPeriod: Duration
    let interval: Duration

    public init(root: URL, folders: [String], quietPeriod: Duration = .milliseconds(40), interval: Duration = .milliseconds(250)) {
        self.root = root.standardizedFileURL
        self.folders = folders
        self.quietPeriod = quietPeriod
        self.interval = interval
    }

    /// Batches of changed paths, relative to `root` (a changed folder is
    /// reported by its path when its files cannot be told apart).
    public func changes(usePolling: Bool = false) -> AsyncStream<Set<String>> {
        AsyncStream { continuation in
            let stop = StopFlag()
            let thread = Thread { [self] in
                #if canImport(Glibc)
                    if !usePolling, let inotify = Inotify(root: root, folders: folders) {
                        inotify.run(quietPeriod: quietPeriod) { continuation.yield($0) } isCancelled: { stop.isSet }
                        return
                    }
                #endif
                poll(until: stop) { continuation.yield($0) }
            }
            continuation.onTermination = { _ in stop.set() }
            thread.start()
        }
    }

    // MARK: - Polling (portable fallback)

    func snapshot() -> [String: (Date, Int)] {
        var files: [String: (Date, Int)] = [:]
        let prefix = root.path(percentEncoded: false).hasSuffix("/") ? root.path(percentEncoded: false) : root.path(percentEncoded: false) + "/"
        for folder in folders {
            let url = root.appending(path: folder)
            guard let enumerator = FileManager.default.enumerator(
                at: url, includingPropertiesForKeys: [.contentModificationDateKey, .fileSizeKey, .isRegularFileKey])
            else { continue }
            for case let file as URL in enumerator {
                guard let values = try? file.resourceValues(forKeys: [.contentModificationDateKey, .fileSizeKey, .isRegularFileKey]),
                    values.isRegularFile == true
                else { continue }
                let path = file.standardizedFileURL.path(percentEncoded: false)
                files[path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path] =
                    (values.contentModificationDate ?? .distantPast, values.fileSize ?? 0)
            }
        }
        return files
    }

    private func poll(until stop: StopFlag, _ report: (Set<String>) -> Void) {
        var previous = snapshot()
        while !stop.isSet {
            Thread.sleep(forTimeInterval: interval.seconds)
            let current = snapshot()
            var changed = Set(previous.keys).symmetricDifference(current.keys)
            for (path, value) in current where previous[path].map({ $0 != value }) ?? false { changed.insert(path) }
            if !changed.isEmpty { report(changed) }
            previous = current
        }
    }
}

/// Set once, from any thread, to stop a watcher's thread.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

#if canImport(Glibc)
    /// inotify, one watch per directory.
    final class Inotify {
        let fd: Int32
        let root: URL
        private var directories: [Int32: String] = [:]  // watch → path relative to root

        init?(root: URL, folders: [String]) {
            fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            guard fd >= 0 else { return nil }
            self.root = root
            for folder in folders { watchTree(folder) }
        }

        deinit { close(fd) }

        static let mask = UInt32(IN_CREATE | IN_DELETE | IN_CLOSE_WRITE | IN_MODIFY | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF)

        /// Watches `folder` and every folder below it.
        func watchTree(_ folder: String) {
            let url = root.appending(path: folder)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path(percentEncoded: false), isDirectory: &isDirectory),
                isDirectory.boolValue
            else { return }
            let wd = inotify_add_watch(fd, url.path(percentEncoded: false), Inotify.mask)
            if wd >= 0 { directories[wd] = folder }
            let children = (try? FileManager.default.contentsOfDirectory(atPath: url.path(percentEncoded: false))) ?? []
            for child in children.sorted() {
                var childIsDirectory: ObjCBool = false
                let childURL = url.appending(path: child)
                if FileManager.default.fileExists(atPath: childURL.path(percentEncoded: false), isDirectory: &childIsDirectory),
                    childIsDirectory.boolValue
                {
                    watchTree(folder + "/" + child)
                }
            }
        }

        func run(quietPeriod: Duration, report: (Set<String>) -> Void, isCancelled: () -> Bool) {
            var pending: Set<String> = []
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while !isCancelled() {
                var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let waitMilliseconds = pending.isEmpty ? 200 : Int32(quietPeriod.seconds * 1000)
                let ready = Glibc.poll(&descriptor, 1, waitMilliseconds)
                if ready <= 0 {
                    // Quiet: report what has gathered.
                    if !pending.isEmpty {
                        report(pending)
                        pending = []
                    }
                    continue
                }
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                guard count > 0 else { continue }
                var offset = 0
                while offset + MemoryLayout<inotify_event>.size <= count {
                    let (wd, mask, length) = buffer.withUnsafeBytes { bytes -> (Int32, UInt32, Int) in
                        let event = bytes.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                        return (event.wd, event.mask, Int(event.len))
                    }
                    let nameStart = offset + MemoryLayout<inotify_event>.size
                    let nameBytes = buffer[nameStart..<min(nameStart + length, count)].prefix { $0 != 0 }
                    let name = String(decoding: nameBytes, as: UTF8.self)
                    offset = nameStart + length
                    guard let folder = directories[wd] else { continue }
                    if mask & UInt32(IN_DELETE_SELF) != 0 || mask & UInt32(IN_IGNORED) != 0 {
                        directories[wd] = nil
                        pending.insert(folder)
                        continue
                    }
                    let path = name.isEmpty ? folder : folder + "/" + name
                    if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                        // A new folder: watch it, and report what is already in it.
                        watchTree(path)
                        pending.insert(path)
                        continue
                    }
                    if !name.hasPrefix(".") || mask & UInt32(IN_ISDIR) != 0 { pending.insert(path) }
                }
            }
        }
    }
#endif

