/// How a chart draws its series.
public enum ChartKind: Sendable, Hashable {
    /// One line per series over the x labels (periods): for trends over time.
    case line
    /// One bar per series at each x label (category), grouped side by side.
    case bar
}

/// Where the value axis starts.
public enum ChartBaseline: Sendable, Hashable {
    /// Bars always start at zero; lines start at zero unless every value sits
    /// far from it (see `ChartScale`).
    case automatic
    /// Always include zero.
    case zero
    /// Fit the axis to the data, marking the break when zero is left out (lines only;
    /// bars start at zero whatever this says, because a bar's length is its value).
    case fitData
}

/// What the values count, and how to write them.
public struct ChartUnit: Sendable, Hashable {
    /// Plural noun read after a count, e.g. "contacts" ("22,404 contacts"); empty for none.
    public var name: String
    /// Values are percentages: written "48.1%", changes in percentage points.
    public var isPercentage: Bool
    /// Decimal places of values (not of axis ticks, which follow their step).
    public var decimals: Int

    public init(name: String, isPercentage: Bool = false, decimals: Int = 0) {
        self.name = name
        self.isPercentage = isPercentage
        self.decimals = max(0, min(decimals, 6))
    }

    /// Whole numbers of something, e.g. `.count("contacts")`.
    public static func count(_ name: String) -> ChartUnit {
        ChartUnit(name: name)
    }

    /// Percentages with `decimals` places.
    public static func percentage(decimals: Int = 1) -> ChartUnit {
        ChartUnit(name: "", isPercentage: true, decimals: decimals)
    }

    /// The value as shown on the chart and in link names: "22,404" or "48.1%".
    public func format(_ value: Double) -> String {
        NumberFormat.grouped(value, decimals: decimals) + (isPercentage ? "%" : "")
    }

    /// The value with its unit, for sentences: "22,404 contacts" or "48.1%".
    public func formatWithName(_ value: Double) -> String {
        isPercentage || name.isEmpty ? format(value) : format(value) + " " + name
    }

    /// Counts never get fractional axis ticks ("0.5 contacts").
    var smallestTickStep: Double {
        isPercentage ? 0 : Ticks.power10(-decimals)
    }
}

/// Everything one chart needs: its data, words and unit.
public struct ChartSpec: Sendable, Hashable {
    /// Unique on the page: the element ids (title, desc, patterns) derive from it.
    public var id: String
    public var kind: ChartKind
    /// The message, e.g. "MASH contacts fell 4% in 2016/17"; becomes the SVG `<title>`.
    public var title: String
    /// The trend in words (see `TrendWords`); becomes the SVG `<desc>`.
    public var description: String
    /// The value axis label with its unit, e.g. "Contacts (number)".
    public var yAxisLabel: String
    /// The x axis label, e.g. "Period".
    public var xAxisLabel: String
    /// Every series has the same x labels in the same order (the first series' labels are drawn).
    public var series: [ChartSeries]
    public var unit: ChartUnit
    public var baseline: ChartBaseline

    public init(
        id: String, kind: ChartKind, title: String, description: String, yAxisLabel: String,
        xAxisLabel: String, series: [ChartSeries], unit: ChartUnit, baseline: ChartBaseline = .automatic
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.description = description
        self.yAxisLabel = yAxisLabel
        self.xAxisLabel = xAxisLabel
        self.series = series
        self.unit = unit
        self.baseline = baseline
    }
}
