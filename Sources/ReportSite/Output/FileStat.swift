import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Size and modification time (nanoseconds) of a file, straight from stat(2).
public enum FileStat {
    public typealias Input = (path: String, size: Int, modified: Int)

    /// Every input file of the site at `root` (Content/ and Templates/),
    /// sorted by path: walked once per build, for the stamp's key and the
    /// inputs' digests. Each folder of Content/ (meetings, reports, …) and
    /// Templates/ is walked on a core of its own: a stat is a few
    /// microseconds here, and a large site has 10,000 of them.
    public static func inputs(root: URL) -> [Input] {
        let rootPath = root.path(percentEncoded: false)
        let base = rootPath.hasSuffix("/") ? rootPath : rootPath + "/"
        var folders: [String] = []
        var files: [Input] = []
        let content = open(base + ContentLoader.contentFolder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if content >= 0 { walk(folder: content, ContentLoader.contentFolder, into: &files, later: { folders.append($0) }) }
        folders.append(TemplateLibrary.folder)
        for part in ParallelMap.map(folders, singly: folders.count, { folder -> [Input] in
            var files: [Input] = []
            walk(base, folder, into: &files)
            return files
        }) {
            files += part
        }
        return files.sorted { $0.path < $1.path }
    }

    /// Every regular file below the folder `base + path`, with its size and
    /// modification time. Folders are read through their descriptors, and
    /// each entry stat-ed relative to its folder's: a stat by full path
    /// walked every folder of it again in the kernel.
    static func walk(_ base: String, _ path: String, into files: inout [(path: String, size: Int, modified: Int)]) {
        let descriptor = open(base + path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        walk(folder: descriptor, path, into: &files)
    }

    /// The files below the open folder `descriptor` (closed here), whose
    /// path is `path`; with `later`, its sub-folders are handed to it
    /// instead of walked.
    private static func walk(
        folder descriptor: Int32, _ path: String, into files: inout [Input], later: ((String) -> Void)? = nil
    ) {
        guard let directory = fdopendir(descriptor) else {
            close(descriptor)
            return
        }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let child = path.isEmpty ? name : path + "/" + name
            let type = Int32(entry.pointee.d_type)
            // The entry's type spares a stat per folder and an lstat per file.
            var isFolder = type == Int32(DT_DIR)
            if type != Int32(DT_DIR) {
                var info = stat()
                guard fstatat(descriptor, name, &info, 0) == 0 else { continue }
                isFolder = (info.st_mode & S_IFMT) == S_IFDIR
                if !isFolder {
                    files.append((child, Int(info.st_size), nanoseconds(info)))
                    continue
                }
                // Never descend through a symbolic link: a link to a parent folder would never end.
                var link = stat()
                if type != Int32(DT_REG), fstatat(descriptor, name, &link, AT_SYMLINK_NOFOLLOW) == 0, (link.st_mode & S_IFMT) == S_IFLNK {
                    continue
                }
            }
            if let later {
                later(child)
                continue
            }
            let sub = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if sub >= 0 { walk(folder: sub, child, into: &files) }
        }
    }

    /// Each name in the folder at `path` (not "." or "..") with its readdir(3)
    /// type (`DT_DIR`, `DT_REG`, …), until `body` returns false. False if the
    /// folder cannot be read or `body` stopped.
    static func entries(of path: String, _ body: (_ name: String, _ type: Int32) -> Bool) -> Bool {
        guard let directory = opendir(path) else { return false }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            if !body(name, Int32(entry.pointee.d_type)) { return false }
        }
        return true
    }

    static func of(_ path: String, details: Bool) -> (size: Int, modified: Int, isDirectory: Bool)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
        return (Int(info.st_size), nanoseconds(info), isDirectory)
    }

    /// Which file is at `path`, as far as stat(2) tells without reading it:
    /// inode, size, and modification and change times. The change time is
    /// the one no tool sets: those that pin modification times (Nix,
    /// reproducible images) give two versions of a file the same size and mtime.
    public static func identity(of path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
            let changed = Int(info.st_ctimespec.tv_sec) * 1_000_000_000 + Int(info.st_ctimespec.tv_nsec)
        #else
            let changed = Int(info.st_ctim.tv_sec) * 1_000_000_000 + Int(info.st_ctim.tv_nsec)
        #endif
        return "\(info.st_ino) \(info.st_size) \(nanoseconds(info)) \(changed)"
    }

    /// The modification time of a stat(2) result, in nanoseconds.
    static func nanoseconds(_ info: stat) -> Int {
        #if canImport(Darwin)
            Int(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int(info.st_mtimespec.tv_nsec)
        #else
            Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
        #endif
    }

    public static func of(_ path: String) -> (size: Int, modified: Int)? {
        of(path, details: true).map { ($0.size, $0.modified) }
    }
}
