/// One point of a series: the label of its x position, its value, and the
/// document that reported it.
///
/// `label` is shown under the x axis as written ("2015/16",
/// "Jun 2016–Jun 2017"); a `nil` value is a gap: the line breaks there and
/// no bar is drawn.
public struct ChartPoint: Sendable, Hashable {
    /// The x position's label, e.g. "2016/17".
    public var label: String
    /// The value, or `nil` when no figure was reported for this position.
    public var value: Double?
    /// The page of the document that reported the value; the point links to it.
    public var href: String?
    /// A short note read with the value, e.g. "provisional".
    public var note: String?
    /// The title of the document that reported the value, read in the link's name.
    public var sourceTitle: String?

    public init(
        label: String, value: Double?, href: String? = nil, note: String? = nil, sourceTitle: String? = nil
    ) {
        self.label = label
        self.value = value
        self.href = href
        self.note = note
        self.sourceTitle = sourceTitle
    }
}

extension ChartPoint {
    /// `href` is a relative or web address, not one that runs script when followed.
    static func isSafe(_ href: String) -> Bool {
        // Browsers ignore whitespace and control characters in a scheme ("java\tscript:").
        let cleaned = href.lowercased().filter { !$0.isWhitespace && ($0.asciiValue ?? 0x20) >= 0x20 }
        return !["javascript:", "data:", "vbscript:"].contains { cleaned.hasPrefix($0) }
    }
}

/// The points of one line (or one colour of bars), e.g. one organisation's figures.
public struct ChartSeries: Sendable, Hashable {
    /// Shown in the key and read in every point's link name, e.g. the organisation.
    public var name: String
    /// In x order; every series of a chart has the same labels in the same order.
    public var points: [ChartPoint]

    public init(name: String, points: [ChartPoint]) {
        self.name = name
        self.points = points
    }

    /// The points that have a finite value, with their x index.
    ///
    /// A link that could run script (`javascript:`, `data:`, `vbscript:`) is
    /// dropped here, so no drawing code ever writes one.
    var valued: [(index: Int, point: ChartPoint, value: Double)] {
        points.enumerated().compactMap { index, point in
            guard let value = point.value, value.isFinite else { return nil }
            var point = point
            if let href = point.href, !ChartPoint.isSafe(href) { point.href = nil }
            return (index, point, value)
        }
    }
}
