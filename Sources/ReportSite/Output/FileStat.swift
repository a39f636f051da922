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
    /// inputs' digests.
    public static func inputs(root: URL) -> [Input] {
        let rootPath = root.path(percentEncoded: false)
        let base = rootPath.hasSuffix("/") ? rootPath : rootPath + "/"
        var files: [Input] = []
        for folder in [ContentLoader.contentFolder, TemplateLibrary.folder] {
            walk(base, folder, into: &files)
        }
        return files.sorted { $0.path < $1.path }
    }

    /// Every regular file below `base + folder`, with its size and modification time.
    static func walk(_ base: String, _ folder: String, into files: inout [(path: String, size: Int, modified: Int)]) {
        _ = entries(of: base + folder) { name, type in
            let path = folder.isEmpty ? name : folder + "/" + name
            // The entry's type spares a stat per folder and an lstat per file
            // (a tenth of a second for 10,000 documents).
            switch type {
            case Int32(DT_DIR):
                walk(base, path, into: &files)
                return true
            case Int32(DT_REG):
                if let info = of(base + path, details: true), !info.isDirectory { files.append((path, info.size, info.modified)) }
                return true
            default: break
            }
            guard let info = of(base + path, details: true) else { return true }
            // Never descend through a symbolic link: a link to a parent folder would never end.
            var link = stat()
            let isLink = lstat(base + path, &link) == 0 && (link.st_mode & S_IFMT) == S_IFLNK
            if info.isDirectory, !isLink {
                walk(base, path, into: &files)
            } else if !info.isDirectory {
                files.append((path, info.size, info.modified))
            }
            return true
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
        #if canImport(Darwin)
            let modified = Int(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int(info.st_mtimespec.tv_nsec)
        #else
            let modified = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
        #endif
        return (Int(info.st_size), modified, isDirectory)
    }

    public static func of(_ path: String) -> (size: Int, modified: Int)? {
        of(path, details: true).map { ($0.size, $0.modified) }
    }
}
