/// The labels under the x axis: which are shown, wrapped or angled.
///
/// First choice: every label, horizontal, wrapped onto at most three lines
/// within its slot ("Jun 2016–" / "Jun 2017"). Lines (periods) may then
/// show every second, third … label, counting back from the latest so the
/// latest period is always labelled. Bars (categories) never skip a label:
/// when theirs do not fit, the chart is drawn as horizontal bars instead
/// (see `HorizontalBarLayout`). Last resort for lines: labels at 45
/// degrees, shortened with an ellipsis past 150 units (the full label is in
/// every point's link name and the data table).
struct XLabels {
    struct Label {
        var index: Int
        var lines: [String]
        /// Where the label is centred: under its point, or moved in so it stays inside the chart.
        var x: Double
    }

    var shown: [Label]
    var rotated: Bool
    var top: Double
    /// Vertical room the labels take below `top`.
    var height: Double = 0

    static let maxLines = 3
    static let rotatedMaxWidth = 150.0
    static let sin45 = 0.7071

    static func layout(_ labels: [String], kind: ChartKind, top: Double, x: (Int) -> Double, slot: Double) -> XLabels {
        let count = labels.count
        guard count > 0 else { return XLabels(shown: [], rotated: false, top: top) }
        let size = ChartLayout.fontSize
        let maxStride = kind == .line ? max(1, count - 1) : 1
        for stride in 1...maxStride {
            let indices = (0..<count).filter { (count - 1 - $0) % stride == 0 }
            // Keep at least the two ends of a series, or the label is no help.
            if stride > 1 && indices.count < 2 { break }
            let room = min(slot * Double(stride) - 6, ChartLayout.width - 2 * ChartLayout.pad)
            let wrapped = indices.map { TextMetrics.wrap(labels[$0], maxWidth: room, fontSize: size) }
            guard wrapped.allSatisfy({ $0.count <= maxLines && TextMetrics.fits($0, maxWidth: room, fontSize: size) })
            else { continue }
            let shown = zip(indices, wrapped).map { index, lines in
                Label(index: index, lines: lines, x: centre(x(index), width: width(lines)))
            }
            // Labels moved in from the edges must still leave a gap between neighbours.
            let apart = zip(shown, shown.dropFirst()).allSatisfy { left, right in
                left.x + width(left.lines) / 2 + 6 <= right.x - width(right.lines) / 2
            }
            if apart {
                let lines = wrapped.map(\.count).max() ?? 1
                return XLabels(shown: shown, rotated: false, top: top, height: Double(lines) * ChartLayout.lineHeight)
            }
        }
        // Angled labels need about a line height between them to stay apart.
        let stride = max(1, Int((ChartLayout.lineHeight * 1.1 / slot).rounded(.up)))
        let indices = (0..<count).filter { (count - 1 - $0) % stride == 0 }
        let shown = indices.map { index in
            // The first labels must not run off the left edge of the chart.
            let room = min(rotatedMaxWidth, (x(index) - ChartLayout.pad) / sin45)
            return Label(index: index, lines: [TextMetrics.truncate(labels[index], maxWidth: room, fontSize: size)], x: x(index))
        }
        let longest = shown.map { TextMetrics.width($0.lines[0], fontSize: size) }.max() ?? 0
        return XLabels(shown: shown, rotated: true, top: top, height: longest * sin45 + size)
    }

    private static func width(_ lines: [String]) -> Double {
        lines.map { TextMetrics.width($0, fontSize: ChartLayout.fontSize) }.max() ?? 0
    }

    /// `x`, moved just enough for a label of `width` centred on it to stay inside the chart.
    private static func centre(_ x: Double, width: Double) -> Double {
        let low = ChartLayout.pad + width / 2, high = ChartLayout.width - ChartLayout.pad - width / 2
        return low > high ? ChartLayout.width / 2 : min(max(x, low), high)
    }
}
