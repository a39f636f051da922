import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file's bytes, mapped read-only (or, for bytes already in memory, a
/// copy of them). A quick build reads the 10 MB stamp and the 14 MB search
/// index of a large site this way: read into fresh memory, every page was
/// a fault to clear and fill, most of the kernel time of a quick build.
///
/// The files mapped are only ever replaced by a rename, never rewritten in
/// place, so a mapping always sees the file as it was when mapped.
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    private let mapped: Bool

    /// Maps the file at `path`; nil when it cannot be read.
    init?(_ path: String) {
        #if canImport(Glibc)
            let flags = MAP_PRIVATE | MAP_POPULATE  // one call fills the page tables, not a fault per page
        #else
            let flags = MAP_PRIVATE
        #endif
        let mapping = PlainFile.withOpened(path) { descriptor, size -> UnsafeBufferPointer<UInt8>? in
            guard size > 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
            guard let start = mmap(nil, size, PROT_READ, flags, descriptor, 0), start != MAP_FAILED else { return nil }
            return UnsafeBufferPointer(start: start.assumingMemoryBound(to: UInt8.self), count: size)
        }
        guard let mapping, let mapping else { return nil }
        bytes = mapping
        mapped = mapping.baseAddress != nil
    }

    /// A copy of `data`, for bytes that are not a file.
    init(copying data: Data) {
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(data.count, 1))
        _ = buffer.initialize(from: data)
        bytes = UnsafeBufferPointer(rebasing: buffer[..<data.count])
        mapped = false
    }

    deinit {
        guard let start = bytes.baseAddress else { return }
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: start), bytes.count)
        } else {
            UnsafeMutablePointer(mutating: start).deallocate()
        }
    }

    /// The bytes as `Data`, without a copy; the mapping lives as long as it does.
    var data: Data {
        guard let start = bytes.baseAddress else { return Data() }
        return Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: start), count: bytes.count, deallocator: .custom { _, _ in
            withExtendedLifetime(self) {}
        })
    }
}

/// Bytes made of runs of another file's bytes and new bytes, in order: a
/// file patched in a few places (the search index, the stamp) is written
/// from the runs of its last version without first being copied whole.
struct ByteRuns {
    enum Run {
        case old(Range<Int>)
        case new([UInt8])
    }

    private(set) var runs: [Run] = []
    private(set) var count = 0

    mutating func append(old range: Range<Int>) {
        guard !range.isEmpty else { return }
        count += range.count
        if case let .old(last)? = runs.last, last.upperBound == range.lowerBound {
            runs[runs.count - 1] = .old(last.lowerBound..<range.upperBound)
        } else {
            runs.append(.old(range))
        }
    }

    mutating func append(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        count += bytes.count
        runs.append(.new(bytes))
    }

    /// Each run's bytes in order, `old` giving the old file's.
    func forEach(old: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        for run in runs {
            switch run {
            case let .old(range): try body(UnsafeBufferPointer(rebasing: old[range]))
            case let .new(bytes): try bytes.withUnsafeBufferPointer(body)
            }
        }
    }

    /// The bytes in one buffer.
    func bytes(old: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        forEach(old: old) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Writes the file at `path` from the runs.
    func write(to path: String, old: UnsafeBufferPointer<UInt8>) throws {
        try PlainFile.write(path) { write in try forEach(old: old, write) }
    }
}
