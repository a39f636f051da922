/// Estimated text widths, and wrapping to a width, without font files.
///
/// The chart has no access to fonts (it must be pure), so widths come from
/// the advance widths of Arial/Helvetica/Liberation Sans (the site's fonts),
/// rounded up a little so that a wider system font still fits.
enum TextMetrics {
    /// The width of `text` at `fontSize`, in the same units as the size.
    static func width(_ text: String, fontSize: Double) -> Double {
        var ems = 0.0
        for character in text {
            ems += advance(character)
        }
        return ems * fontSize * 1.04
    }

    /// Em advance of one character, grouped by shape.
    private static func advance(_ character: Character) -> Double {
        switch character {
        case " ", "i", "j", "l", "I", ".", ",", ":", ";", "'", "!", "|": return 0.28
        case "f", "t", "r", "(", ")", "[", "]", "/", "-", "\u{2010}": return 0.34
        case "m", "M", "W": return 0.84
        case "w", "%", "\u{2014}": return 0.9
        case "\u{2013}", "\u{2212}", "+", "=", "<", ">": return 0.58
        case "0"..."9": return 0.556
        case "A"..."Z": return 0.68
        case "a"..."z": return 0.53
        default: return character.isASCII ? 0.56 : 0.66
        }
    }

    /// `text` broken into lines no wider than `maxWidth`, at spaces and after
    /// dashes, with lines of even length: "Jun 2016–" / "Jun 2017" rather
    /// than "Jun 2016–Jun" / "2017". A word wider than `maxWidth` stays whole
    /// on its own line: callers check `fits` and choose another layout.
    static func wrap(_ text: String, maxWidth: Double, fontSize: Double) -> [String] {
        var lines = greedyWrap(text, maxWidth: maxWidth, fontSize: fontSize)
        guard lines.count > 1 else { return lines }
        // Narrow the measure while the line count holds: the last such wrap is the most even.
        var narrower = maxWidth
        while narrower > fontSize {
            narrower -= fontSize / 4
            let attempt = greedyWrap(text, maxWidth: narrower, fontSize: fontSize)
            guard attempt.count == lines.count, fits(attempt, maxWidth: narrower, fontSize: fontSize) else { break }
            lines = attempt
        }
        return lines
    }

    private static func greedyWrap(_ text: String, maxWidth: Double, fontSize: Double) -> [String] {
        var lines: [String] = []
        var current = ""
        for piece in pieces(of: text) {
            let candidate = current + piece
            if current.isEmpty || width(trimmed(candidate), fontSize: fontSize) <= maxWidth {
                current = candidate
            } else {
                lines.append(trimmed(current))
                current = String(piece.drop { $0 == " " })
            }
        }
        if !trimmed(current).isEmpty || lines.isEmpty { lines.append(trimmed(current)) }
        return lines
    }

    /// Every line of `lines` is at most `maxWidth` wide.
    static func fits(_ lines: [String], maxWidth: Double, fontSize: Double) -> Bool {
        lines.allSatisfy { width($0, fontSize: fontSize) <= maxWidth }
    }

    /// Words with their leading space, split after dashes too.
    private static func pieces(of text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        for character in text {
            if character == " " && !current.isEmpty && current.last != " " {
                pieces.append(current)
                current = ""
            }
            current.append(character)
            if character == "\u{2013}" || character == "\u{2014}" || (character == "-" && current.count > 1) {
                pieces.append(current)
                current = ""
            }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    private static func trimmed(_ text: String) -> String {
        String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }

    /// `text` cut to fit `maxWidth`, ending in an ellipsis when cut.
    static func truncate(_ text: String, maxWidth: Double, fontSize: Double) -> String {
        guard width(text, fontSize: fontSize) > maxWidth else { return text }
        var kept = ""
        for character in text {
            if width(kept + String(character) + "…", fontSize: fontSize) > maxWidth { break }
            kept.append(character)
        }
        return trimmed(kept) + "…"
    }
}
