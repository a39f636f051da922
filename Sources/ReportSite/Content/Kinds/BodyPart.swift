/// Part of a document's body, as UTF-8 byte ranges of `Document.bodyHTML`.
///
/// A meeting's answers and a response's letter and recommendation sections
/// are pieces of the body the page already holds. Kept as copies they were
/// a fifth of a 10,000-document site's decoded documents (in memory and in
/// the decode cache: 214 MB, now 175); as ranges they cost a few bytes each.
public struct BodyPart: Sendable, Hashable, Codable {
    /// Byte ranges of the body, in order.
    public private(set) var ranges: [Range<Int>] = []

    public init() {}

    public var isEmpty: Bool { ranges.allSatisfy(\.isEmpty) }

    /// Adds the body bytes in `range`, joining it to the last range when they meet.
    mutating func append(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        if let last = ranges.last, last.upperBound == range.lowerBound {
            ranges[ranges.count - 1] = last.lowerBound..<range.upperBound
        } else {
            ranges.append(range)
        }
    }

    /// The part's HTML, cut from `body` (the document's `bodyHTML`).
    public func html(in body: TrustedHTML) -> TrustedHTML {
        let bytes = body.html.utf8
        let pieces = ranges.map { range -> String in
            let start = bytes.index(bytes.startIndex, offsetBy: min(range.lowerBound, bytes.count))
            let end = bytes.index(bytes.startIndex, offsetBy: min(range.upperBound, bytes.count))
            return String(body.html[start..<end])
        }
        return TrustedHTML(pieces.joined())
    }
}

extension BodyPart {
    private enum CodingKeys: String, CodingKey {
        case ranges
    }

    /// The ranges; for a document's face (`PageInputs.face`), only whether
    /// there are any: where a part lies in the body concerns its own pages alone.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(encoder.userInfo[PageInputs.faceKey] == nil ? ranges : isEmpty ? [] : [0..<1], forKey: .ranges)
    }
}

extension RenderedMarkdown {
    /// Each block with the range of `html`'s bytes it fills (blocks are joined without separators).
    var blocksWithRanges: [(block: RenderedBlock, range: Range<Int>)] {
        var offset = 0
        return blocks.map { block in
            let end = offset + block.html.html.utf8.count
            defer { offset = end }
            return (block, offset..<end)
        }
    }
}
