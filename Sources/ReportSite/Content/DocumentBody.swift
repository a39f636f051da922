import Crypto

/// A document's body as HTML: held in memory, or moved to a `BodySpill`
/// file once decoded.
///
/// The bodies were the largest part of a big build's memory (about 120 MB of
/// the 10,000-document benchmark), yet each is needed only while its own
/// pages are made and its search words counted. Spilled, a body is read back
/// for those moments and let go again; its digest stands for it in page
/// fingerprints and search-word keys, so an incremental build need not read
/// back the bodies of pages it does not render.
public struct DocumentBody: Sendable {
    private enum Storage: Sendable {
        case held(TrustedHTML)
        case spilled(BodySpill, BodySpill.Extent)
        /// Where it lies in the decode-cache entry it came from: an
        /// incremental build reads back only the bodies it renders, so most
        /// are never made into strings or copied to the spill file.
        case inEntry(path: String, BodySpill.Extent)
    }

    private var storage: Storage
    /// SHA-256 of the HTML.
    public let digest: String
    /// Whether the HTML holds a chart placeholder, which rendering fills
    /// from the whole site's figures (see `PageFingerprint`).
    public let hasChart: Bool

    public init(_ html: TrustedHTML) {
        storage = .held(html)
        digest = Self.digest(of: html.html)
        hasChart = HTMLScan.contains(ChartBlock.placeholderPrefix, in: html.html)
    }

    /// A body whose digest and chart flag are known (read back, not
    /// made): held, or left in the decode-cache entry at `path`.
    init(held html: TrustedHTML, digest: String, hasChart: Bool) {
        storage = .held(html)
        self.digest = digest
        self.hasChart = hasChart
    }

    init(inEntry path: String, _ extent: BodySpill.Extent, digest: String, hasChart: Bool) {
        storage = .inEntry(path: path, extent)
        self.digest = digest
        self.hasChart = hasChart
    }

    /// SHA-256 of `html`'s UTF-8, hashed where it lies.
    static func digest(of html: String) -> String {
        var html = html
        return html.withUTF8 { Text.hex(SHA256.hash(data: UnsafeRawBufferPointer($0))) }
    }

    /// The HTML; a spilled body is read back from its file, so read it once
    /// per page rather than once per use.
    public var html: TrustedHTML {
        switch storage {
        case let .held(html): html
        case let .spilled(spill, extent): spill.read(extent)
        case let .inEntry(path, extent): DecodeCache.readBody(path, extent, digest: digest)
        }
    }

    /// Whether the HTML is kept out of memory (spilled, or still in its cache entry).
    var isSpilled: Bool {
        if case .held = storage { return false }
        return true
    }

    var isInCacheEntry: Bool {
        if case .inEntry = storage { return true }
        return false
    }

    /// Moves the body to `spill`; it stays held if the file cannot be written.
    mutating func spill(to spill: BodySpill) {
        guard case let .held(html) = storage, !html.isEmpty, let extent = spill.write(html.html) else { return }
        storage = .spilled(spill, extent)
    }
}

extension DocumentBody: Codable {
    private enum CodingKeys: String, CodingKey {
        case html, digest, hasChart
    }

    /// The HTML with its digest and chart flag, wherever the HTML is kept.
    /// (The decode cache reads a body as a field list, which can leave the
    /// HTML where it lies: see `CacheCoder+Documents`.)
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            held: TrustedHTML(try container.decode(String.self, forKey: .html)),
            digest: try container.decode(String.self, forKey: .digest), hasChart: try container.decode(Bool.self, forKey: .hasChart))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(html.html, forKey: .html)
        try container.encode(digest, forKey: .digest)
        try container.encode(hasChart, forKey: .hasChart)
    }
}
