import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writing a whole file with open/write/close.
///
/// Foundation's `Data.write(to:)` calls fsync after every file; for 30,000
/// pages and 10,000 cache entries that waited on the disk for seconds. The
/// build does not need each file on the platter: a page is only published by
/// the swap of the whole staging folder, and a cache entry that is lost or
/// torn is read as a miss.
enum PlainFile {
    static func write(_ data: Data, to path: String) throws {
        try write(path) { write in try data.withUnsafeBytes { try write($0.bindMemory(to: UInt8.self)) } }
    }

    /// Writes the file at `path` from the buffers `body` hands to `write`, in order.
    static func write(_ path: String, _ body: (_ write: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(path) }
        defer { close(descriptor) }
        try body { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = writeBytes(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { throw failure(path) }
                offset += written
            }
        }
    }

    /// Whether the file at `path` is `size` bytes long and starts with
    /// `prefix`, read without reading the rest.
    static func matches(_ path: String, size: Int, prefix: Data) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, Int(info.st_size) == size, prefix.count <= size else { return false }
        var existing = [UInt8](repeating: 0, count: prefix.count)
        var offset = 0
        while offset < prefix.count {
            let got = existing.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + offset, prefix.count - offset, off_t(offset)) }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { return false }
            offset += got
        }
        return prefix.withUnsafeBytes { wanted in
            existing.withUnsafeBytes { memcmp($0.baseAddress!, wanted.baseAddress!, prefix.count) == 0 }
        }
    }

    /// SHA-256 (hex) of the file at `path`, read a megabyte at a time: a
    /// mapped file's pages count as the process's memory once read, and the
    /// reportsite executable is over 100 MB. Nil if it cannot be read.
    static func sha256(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var hash = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var offset = 0
        while true {
            let got = pread(descriptor, buffer.baseAddress!, buffer.count, off_t(offset))
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else { return nil }
            if got == 0 { return Text.hex(hash.finalize()) }
            hash.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[..<got]))
            offset += got
        }
    }

    /// `count` bytes of the file at `path` from `offset`, as text; nil if
    /// the file is shorter or cannot be read.
    static func read(_ path: String, offset: Int, count: Int) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var complete = true
        let text = String(unsafeUninitializedCapacity: count) { buffer in
            var done = 0
            while done < count {
                let got = pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset + done))
                if got < 0, errno == EINTR { continue }
                guard got > 0 else { break }
                done += got
            }
            complete = done == count
            return done
        }
        return complete ? text : nil
    }

    /// The whole file at `path`, lent to `body` in a buffer that is reused
    /// (nil if it cannot be read). For the 10,000 cache entries a build reads:
    /// each read into a fresh `Data` faulted in and cleared new pages, a
    /// third of the time spent reading them. `body` must not keep the bytes.
    static func withContents<R>(_ path: String, _ body: (UnsafeRawBufferPointer) -> R) -> R? {
        withOpened(path) { descriptor, size in withContents(descriptor, size: size, body) } ?? nil
    }

    /// The file at `path` opened for reading, with its size, lent to `body`.
    static func withOpened<R>(_ path: String, _ body: (_ descriptor: Int32, _ size: Int) -> R) -> R? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        return body(descriptor, Int(info.st_size))
    }

    private static func withContents<R>(_ descriptor: Int32, size: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R? {
        let buffer = ReadBuffers.shared.take(size)
        defer { ReadBuffers.shared.give(buffer) }
        var done = 0
        while done < size {
            let got = pread(descriptor, buffer.baseAddress! + done, size - done, off_t(done))
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { return nil }
            done += got
        }
        return body(UnsafeRawBufferPointer(rebasing: buffer[..<size]))
    }

    private static func failure(_ path: String) -> CocoaError {
        CocoaError(.fileWriteUnknown, userInfo: [
            NSLocalizedDescriptionKey: "could not write \(path): \(String(cString: strerror(errno)))",
        ])
    }
}

/// write(2), outside `PlainFile` whose own `write` would hide it.
private func writeBytes(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

/// Read buffers handed out to one reader at a time, and kept for the next.
private final class ReadBuffers: @unchecked Sendable {
    static let shared = ReadBuffers()
    private let lock = NSLock()
    private var free: [UnsafeMutableRawBufferPointer] = []

    /// A buffer of at least `size` bytes (and at least one).
    func take(_ size: Int) -> UnsafeMutableRawBufferPointer {
        let buffer = lock.withLock { free.popLast() }
        if let buffer, buffer.count >= size { return buffer }
        buffer?.deallocate()
        return .allocate(byteCount: max(size, 64 * 1024), alignment: 16)
    }

    func give(_ buffer: UnsafeMutableRawBufferPointer) {
        lock.withLock { free.append(buffer) }
    }
}
