/// A document's body as HTML: held in memory, or moved to a `BodySpill`
/// file once decoded.
///
/// The bodies were the largest part of a big build's memory (about 120 MB of
/// the 10,000-document benchmark), yet each is needed only while its own
/// pages are made and its search words counted. Spilled, a body is read back
/// for those moments and let go again.
public struct DocumentBody: Sendable {
    private enum Storage: Sendable {
        case held(TrustedHTML)
        case spilled(BodySpill, BodySpill.Extent)
    }

    private var storage: Storage

    public init(_ html: TrustedHTML) {
        storage = .held(html)
    }

    /// The HTML; a spilled body is read back from its file, so read it once
    /// per page rather than once per use.
    public var html: TrustedHTML {
        switch storage {
        case let .held(html): html
        case let .spilled(spill, extent): spill.read(extent)
        }
    }

    var isSpilled: Bool {
        if case .spilled = storage { return true }
        return false
    }

    /// Moves the body to `spill`; it stays held if the file cannot be written.
    mutating func spill(to spill: BodySpill) {
        guard case let .held(html) = storage, !html.isEmpty, let extent = spill.write(html.html) else { return }
        storage = .spilled(spill, extent)
    }
}

extension DocumentBody: Codable {
    /// Encoded as its HTML, wherever it is kept.
    public init(from decoder: Decoder) throws {
        storage = .held(try TrustedHTML(from: decoder))
    }

    public func encode(to encoder: Encoder) throws {
        try html.encode(to: encoder)
    }
}
