import Crypto
import Foundation

/// A digest of everything a page's bytes depend on: the page's context (fed
/// in by `MustacheValue.convert` as it walks it), its path, its template name
/// and a salt (the templates, the generator). Two equal fingerprints give the
/// same page, so an incremental build reuses the earlier page instead of
/// rendering it.
///
/// Charts are the one input outside the context: rendering fills chart
/// placeholders from the whole site's figures, so a page with a placeholder
/// also takes in the chart salt.
final class PageFingerprint {
    /// Small values are gathered here and hashed a few kilobytes at a time;
    /// long ones go to the hash as they are, uncopied. A raw buffer rather
    /// than an array: every string of every page's context passes through,
    /// and `Array.append` was most of the cost of fingerprinting.
    private let buffer = UnsafeMutableRawPointer.allocate(byteCount: PageFingerprint.batch, alignment: 8)
    private var used = 0
    private var hash = SHA256()
    private static let batch = 4096
    private(set) var hasChart = false

    init(path: String, template: String, salt: String) {
        add(tag: "p", path)
        add(tag: "t", template)
        add(tag: "x", salt)
    }

    deinit {
        buffer.deallocate()
    }

    func add(html: TrustedHTML) {
        if !hasChart, HTMLScan.contains(ChartBlock.placeholderPrefix, in: html.html) { hasChart = true }
        add(tag: "h", html.html)
    }

    /// A document's body, or part of it, by its digest and the part's byte
    /// ranges: the body need not be read to fingerprint the page.
    func add(body: DocumentBody, part: BodyPart?) {
        if body.hasChart { hasChart = true }
        add(tag: part == nil ? "B" : "P", body.digest)
        if let part {
            add(tag: "r", part.ranges.map { "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: ","))
        }
    }

    /// A type tag, the length, then the bytes: no two different trees give the same stream.
    func add(tag: Unicode.Scalar, _ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            var header = (UInt8(truncatingIfNeeded: tag.value), UInt64(utf8.count).littleEndian)
            withUnsafeBytes(of: &header.0) { append($0.baseAddress!, 1) }
            withUnsafeBytes(of: &header.1) { append($0.baseAddress!, 8) }
            if let start = utf8.baseAddress { append(UnsafeRawPointer(start), utf8.count) }
        }
    }

    private func append(_ bytes: UnsafeRawPointer, _ count: Int) {
        if used + count > Self.batch { flush() }
        if count >= Self.batch {
            hash.update(bufferPointer: UnsafeRawBufferPointer(start: bytes, count: count))
        } else {
            (buffer + used).copyMemory(from: bytes, byteCount: count)
            used += count
        }
    }

    private func flush() {
        hash.update(bufferPointer: UnsafeRawBufferPointer(start: buffer, count: used))
        used = 0
    }

    /// The digest; `chartSalt` is asked for only when the page has a chart.
    func finish(chartSalt: () -> String) -> String {
        if hasChart { add(tag: "c", chartSalt()) }
        flush()
        return Text.hex(hash.finalize())
    }
}
