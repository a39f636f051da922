/// The class names of chart elements and the style sheet every chart carries.
///
/// Each SVG embeds this sheet so that a chart looks right anywhere (page,
/// feed reader, saved file); a site may restyle the same classes in its own
/// CSS. Text and axes use `currentColor`, so they take the page's text colour
/// in light and dark mode; series colours switch palette with
/// `prefers-color-scheme`, as site.css does. Outlines, hatching and the
/// focus ring read the site's `--background`, `--focus` and `--focus-text`
/// custom properties, with GOV.UK's values as fallbacks.
public enum ChartStyle {
    /// Class names, for site CSS: `rs-chart` on the `<svg>`, then
    /// `rs-chart--line` or `rs-chart--bar`.
    public static let root = "rs-chart"
    /// Each series' group and key entry: `rs-chart__series rs-chart__series--N` (N from 1),
    /// which sets `--rs-chart-colour`.
    public static let series = "rs-chart__series"
    /// The link around each point's marker or bar; focusable.
    public static let point = "rs-chart__point"
    /// The shape behind a marker or bar that becomes the focus ring (and widens the hit area).
    public static let focus = "rs-chart__focus"
    public static let marker = "rs-chart__marker"
    public static let line = "rs-chart__line"
    public static let bar = "rs-chart__bar"

    /// The sheet, one rule a line.
    public static var css: String {
        var rules = [
            ":root.rs-chart{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,Helvetica,Arial,sans-serif}",
            // Wider than this, the text would outgrow the page's body text.
            ".rs-chart{overflow:visible;max-width:min(100%,32rem)}",
        ]
        for (index, colour) in ChartPalette.light.enumerated() {
            rules.append(".rs-chart__series--\(index + 1){--rs-chart-colour:\(colour)}")
        }
        var dark = "@media (prefers-color-scheme:dark){"
        for (index, colour) in ChartPalette.dark.enumerated() {
            dark += ".rs-chart__series--\(index + 1){--rs-chart-colour:\(colour)}"
        }
        rules.append(dark + "}")
        rules += [
            ".rs-chart__line{stroke:var(--rs-chart-colour)}",
            ".rs-chart__marker,.rs-chart__bar{fill:var(--rs-chart-colour)}",
            ".rs-chart__marker{stroke:var(--background,#fff)}",
            ".rs-chart__hatch{stroke:var(--background,#fff)}",
            ".rs-chart__dot{fill:var(--background,#fff)}",
            ".rs-chart__point{cursor:pointer;outline:none}",
            ".rs-chart__point:hover .rs-chart__marker{stroke:var(--rs-chart-colour);stroke-width:3px}",
            ".rs-chart__point:hover .rs-chart__bar{stroke:currentColor;stroke-width:2px}",
            ".rs-chart__point:focus .rs-chart__focus{fill:var(--focus,#fd0);fill-opacity:1;stroke:var(--focus-text,#0b0c0c);stroke-width:3px}",
        ]
        return rules.joined(separator: "\n")
    }
}
