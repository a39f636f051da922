import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A private, nameless file that holds document bodies during one build (see
/// `DocumentBody`), so the build's memory does not grow with their size.
///
/// The file is unlinked as soon as it is opened: no other process can see or
/// change it, and it vanishes with the process however that ends. Its pages
/// sit in the kernel's page cache, which the kernel can write out or drop,
/// rather than in the build's own memory.
public final class BodySpill: @unchecked Sendable {
    struct Extent: Sendable {
        let offset: Int
        let count: Int
    }

    private let descriptor: Int32
    private let lock = NSLock()
    private var end = 0
    private var readCount = 0
    /// Bodies read back so far.
    var reads: Int { lock.withLock { readCount } }

    /// Opens a spill file in `folder` (made if missing); nil when none can be made there.
    public init?(in folder: URL) {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var template = Array(folder.appending(path: "bodies-XXXXXX").path(percentEncoded: false).utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { name in
            let descriptor = mkstemp(name.baseAddress!)
            if descriptor >= 0 { unlink(name.baseAddress!) }
            return descriptor
        }
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Appends `text`; nil if it could not be written (the caller keeps it in memory).
    func write(_ text: String) -> Extent? {
        var text = text
        return text.withUTF8 { bytes -> Extent? in
            let offset = lock.withLock {
                defer { end += bytes.count }
                return end
            }
            var done = 0
            while done < bytes.count {
                let written = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return nil }
                done += written
            }
            return Extent(offset: offset, count: bytes.count)
        }
    }

    /// The text at `extent`. The file is this process's own and was written
    /// in full, so a failed read is a failing disk: stop rather than publish
    /// a page without its body.
    func read(_ extent: Extent) -> TrustedHTML {
        lock.withLock { readCount += 1 }
        let text = String(unsafeUninitializedCapacity: extent.count) { buffer in
            var done = 0
            while done < extent.count {
                let got = pread(descriptor, buffer.baseAddress! + done, extent.count - done, off_t(extent.offset + done))
                if got < 0, errno == EINTR { continue }
                guard got > 0 else {
                    fatalError("reportsite: could not read back a document body from its spill file: \(String(cString: strerror(errno)))")
                }
                done += got
            }
            return extent.count
        }
        return TrustedHTML(text)
    }
}
