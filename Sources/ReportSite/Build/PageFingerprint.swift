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
    private var bytes: [UInt8] = []
    private(set) var hasChart = false

    init(path: String, template: String, salt: String) {
        add(tag: "p", path)
        add(tag: "t", template)
        add(tag: "x", salt)
    }

    func add(html: TrustedHTML) {
        if !hasChart, HTMLScan.contains(ChartBlock.placeholderPrefix, in: html.html) { hasChart = true }
        add(tag: "h", html.html)
    }

    /// A type tag, the length, then the bytes: no two different trees give the same stream.
    func add(tag: Character, _ text: String) {
        bytes.append(tag.asciiValue ?? 0)
        var text = text
        text.withUTF8 { utf8 in
            var count = utf8.count
            withUnsafeBytes(of: &count) { bytes.append(contentsOf: $0) }
            bytes.append(contentsOf: utf8)
        }
    }

    /// The digest; `chartSalt` is asked for only when the page has a chart.
    func finish(chartSalt: () -> String) -> String {
        if hasChart { add(tag: "c", chartSalt()) }
        return Text.hex(SHA256.hash(data: bytes))
    }
}
