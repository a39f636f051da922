import Foundation  // pow, for the WCAG luminance formula

/// An sRGB colour written `#rrggbb`, with the WCAG 2 contrast arithmetic.
public struct ChartColour: Sendable, Hashable, CustomStringConvertible {
    public let hex: String

    /// `hex` must be `#rrggbb`; anything else is a programming error.
    public init(_ hex: String) {
        precondition(hex.count == 7 && hex.first == "#" && UInt32(hex.dropFirst(), radix: 16) != nil, "not #rrggbb: \(hex)")
        self.hex = hex.lowercased()
    }

    public var description: String { hex }

    /// WCAG 2.2 relative luminance: 0 for black, 1 for white.
    public var relativeLuminance: Double {
        let value = UInt32(hex.dropFirst(), radix: 16) ?? 0
        func linear(_ channel: UInt32) -> Double {
            let c = Double(channel) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(value >> 16 & 0xff) + 0.7152 * linear(value >> 8 & 0xff) + 0.0722 * linear(value & 0xff)
    }

    /// WCAG 2.2 contrast ratio, from 1 (same) to 21 (black on white).
    public func contrastRatio(with other: ChartColour) -> Double {
        let a = relativeLuminance, b = other.relativeLuminance
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }
}

/// The series colours, one palette for light pages and one for dark.
///
/// Light: the Analysis Function's categorical palette (dark blue, turquoise,
/// dark pink, orange, dark grey, light purple), whose order alternates dark
/// and mid tones so that neighbours differ by 3:1 too. Dark: the same hues,
/// alternating pale and mid, each at least 3:1 on the site's dark background
/// and against its neighbours. Series past the sixth reuse the colours; their
/// marker shapes and bar patterns still tell them apart.
public enum ChartPalette {
    public static let lightBackground = ChartColour("#ffffff")
    /// The site's dark-mode page background (`--background` in site.css).
    public static let darkBackground = ChartColour("#0f1112")

    public static let light: [ChartColour] = [
        "#12436d", "#28a197", "#801650", "#f46a25", "#3d3d3d", "#a285d1",
    ].map(ChartColour.init)

    public static let dark: [ChartColour] = [
        "#aed3f2", "#1e7b73", "#f4bfdc", "#c0460a", "#cecece", "#8059c0",
    ].map(ChartColour.init)

    /// The colour of series `index` (from 0) on a light page.
    static func light(_ index: Int) -> ChartColour { light[index % light.count] }
    /// The colour of series `index` (from 0) on a dark page.
    static func dark(_ index: Int) -> ChartColour { dark[index % dark.count] }
}

/// The marker drawn at every point of a line, different for each series so
/// that colour is never the only cue.
public enum MarkerShape: String, Sendable, CaseIterable {
    case circle, square, triangle, diamond, triangleDown = "triangle-down", cross

    static func forSeries(_ index: Int) -> MarkerShape { allCases[index % allCases.count] }
}

/// The fill pattern of a series' bars (over its colour), different for each series.
public enum BarPattern: String, Sendable, CaseIterable {
    case solid, diagonal, dots, crossHatch = "cross-hatch", horizontal, vertical

    static func forSeries(_ index: Int) -> BarPattern { allCases[index % allCases.count] }
}
