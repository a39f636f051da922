import Foundation

/// The bytes of one page as a template renders it, handed over as `Data`
/// without a copy.
///
/// A `String` that grows by doubling and is then copied into `Data` held
/// up to three times a page's size: the tracker pages of a 10,000-document
/// site are 14 MB each, and that made them the build's memory peak. This
/// buffer grows with `realloc` (which moves large blocks by remapping, not
/// copying) and gives its memory to the `Data` it becomes.
struct PageBuffer: ~Copyable {
    private var base: UnsafeMutableRawPointer?
    private(set) var count = 0
    private var capacity = 0

    init() {}

    deinit { free(base) }

    var isEmpty: Bool { count == 0 }

    /// The last byte written, if any.
    var last: UInt8? { count == 0 ? nil : base!.load(fromByteOffset: count - 1, as: UInt8.self) }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// `text` escaped as `escapeHTML` escapes it, written in runs between
    /// the characters it replaces (no escaped copy is made first).
    mutating func appendEscaped(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() {
                guard let replacement = escapedHTML(byte) else { continue }
                append(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start..<index])))
                replacement.withUTF8Buffer { append(UnsafeRawBufferPointer($0)) }
                start = index + 1
            }
            append(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start...])))
        }
    }

    mutating func append(_ other: borrowing PageBuffer) {
        guard let bytes = other.base else { return }
        append(UnsafeRawBufferPointer(start: bytes, count: other.count))
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(count + bytes.count)
        (base! + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    private mutating func reserve(_ needed: Int) {
        guard needed > capacity else { return }
        let grown = max(needed, capacity * 2, 4096)
        guard let moved = realloc(base, grown) else { fatalError("out of memory rendering a page") }
        base = moved
        capacity = grown
    }

    /// The bytes as `Data`, which frees them when it is done with them.
    consuming func data() -> Data {
        let (base, count) = (self.base, self.count)
        discard self
        guard let base else { return Data() }
        return Data(bytesNoCopy: base, count: count, deallocator: .free)
    }

    /// The bytes as text (for callers that want a `String`).
    consuming func text() -> String {
        guard let base else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: base, count: count), as: UTF8.self)
    }
}
