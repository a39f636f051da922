import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@testable import ReportSite

// MARK: - Ticks

@Suite struct ChartTickTests {
    @Test func countsGetOneTwoFiveSteps() {
        #expect(Ticks.nice(min: 0, max: 23_266) == [0, 5_000, 10_000, 15_000, 20_000, 25_000])
        #expect(Ticks.nice(min: 0, max: 913) == [0, 200, 400, 600, 800, 1_000])
        #expect(Ticks.nice(min: 0, max: 47) == [0, 10, 20, 30, 40, 50])
        #expect(Ticks.nice(min: 22_404, max: 23_266) == [22_400, 22_600, 22_800, 23_000, 23_200, 23_400])
        #expect(Ticks.nice(min: 0, max: 1) == [0, 0.2, 0.4, 0.6, 0.8, 1])
    }

    @Test func percentagesAndDecimals() {
        #expect(Ticks.nice(min: 0, max: 48.1) == [0, 10, 20, 30, 40, 50])
        #expect(Ticks.nice(min: 41.2, max: 48.1) == [40, 42, 44, 46, 48, 50])
        #expect(Ticks.nice(min: 0.1, max: 0.3) == [0.1, 0.15, 0.2, 0.25, 0.3])
        #expect(Ticks.decimals(of: [0.1, 0.15, 0.2]) == 2)
        #expect(Ticks.decimals(of: [0, 5_000]) == 0)
        #expect(Ticks.decimals(of: [40, 42.5]) == 1)
    }

    @Test func negativeRangesStraddleZero() {
        #expect(Ticks.nice(min: -12, max: 30) == [-20, -10, 0, 10, 20, 30])
        #expect(Ticks.nice(min: -7, max: -2) == [-7, -6, -5, -4, -3, -2])
        #expect(Ticks.nice(min: -0.5, max: 0.5) == [-0.5, 0, 0.5])
    }

    @Test func equalValuesWidenToZero() {
        #expect(Ticks.nice(min: 0, max: 0) == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(Ticks.nice(min: 0, max: 0, minStep: 1) == [0, 1])
        #expect(Ticks.nice(min: 5, max: 5) == [0, 1, 2, 3, 4, 5])
        #expect(Ticks.nice(min: -3, max: -3) == [-3, -2, -1, 0])
    }

    @Test func countsNeverGetFractionalSteps() {
        #expect(Ticks.nice(min: 0, max: 2, minStep: 1) == [0, 1, 2])
        #expect(Ticks.nice(min: 0, max: 2) == [0, 0.5, 1, 1.5, 2])
        #expect(ChartUnit.count("children").smallestTickStep == 1)
        #expect(ChartUnit.percentage().smallestTickStep == 0)
    }

    @Test func neverMoreThanMaxCount() {
        for high in stride(from: 0.7, through: 1_000_000, by: 997.3) {
            let ticks = Ticks.nice(min: 0, max: high)
            #expect(ticks.count <= 6 && ticks.count >= 2)
            #expect(ticks.first! <= 0 && ticks.last! >= high)
        }
    }
}

// MARK: - Text and layout

@Suite struct ChartLayoutTests {
    @Test func labelsWrapEvenlyAtSpacesAndDashes() {
        #expect(TextMetrics.wrap("Jun 2016–Jun 2017", maxWidth: 110, fontSize: 16) == ["Jun 2016–", "Jun 2017"])
        #expect(TextMetrics.wrap("June 2015 to June 2016", maxWidth: 150, fontSize: 16) == ["June 2015 to", "June 2016"])
        #expect(TextMetrics.wrap("2016/17", maxWidth: 200, fontSize: 16) == ["2016/17"])
        #expect(TextMetrics.wrap("Self-referral", maxWidth: 80, fontSize: 16) == ["Self-", "referral"])
        let long = TextMetrics.wrap("Supercalifragilistic", maxWidth: 50, fontSize: 16)
        #expect(long == ["Supercalifragilistic"] && !TextMetrics.fits(long, maxWidth: 50, fontSize: 16))
        #expect(TextMetrics.truncate("Antisocial behaviour", maxWidth: 80, fontSize: 16).hasSuffix("…"))
        #expect(TextMetrics.width("22,404", fontSize: 16) > TextMetrics.width("1", fontSize: 16) * 4)
    }

    @Test func crowdedPeriodLabelsThinFromTheLatest() {
        let layout = ChartLayout(ChartExamples.all["line-many-points"]!)
        let shown = layout.xLabels.shown.map(\.index)
        #expect(!layout.xLabels.rotated && shown.last == 23 && shown.count < 24)
        // Labels moved in from the edges stay inside the viewBox.
        for label in layout.xLabels.shown {
            let half = TextMetrics.width(label.lines[0], fontSize: ChartLayout.fontSize) / 2
            #expect(label.x - half >= 0 && label.x + half <= ChartLayout.width)
        }
    }

    @Test func categoryLabelsAreNeverSkipped() {
        let layout = ChartLayout(ChartExamples.all["bar-grouped"]!)
        #expect(layout.xLabels.shown.map(\.index) == [0, 1, 2])
    }

    @Test func horizontalBarsFitTheirLabelsAndTicks() {
        let layout = HorizontalBarLayout(ChartExamples.all["bar-categories"]!)
        #expect(layout.labels.map(\.count).max() == 2)
        #expect(layout.plotLeft < layout.plotRight && layout.plotRight <= ChartLayout.width)
        #expect(layout.scale.low == 0)
        #expect(zip(layout.bandTops, layout.bandTops.dropFirst()).allSatisfy { $0 < $1 })
    }
}

// MARK: - Scale

@Suite struct ChartScaleTests {
    let count = ChartUnit.count("contacts")

    @Test func barsAlwaysStartAtZero() {
        let scale = ChartScale(values: [22_404, 23_266], kind: .bar, baseline: .fitData, unit: count)
        #expect(scale.low == 0 && !scale.isBroken)
    }

    @Test func linesLeaveOutZeroOnlyWhenEveryValueIsFarFromIt() {
        let mash = ChartScale(values: [23_266, 22_404], kind: .line, baseline: .automatic, unit: count)
        #expect(mash.ticks == [22_400, 22_600, 22_800, 23_000, 23_200, 23_400] && mash.isBroken)
        let section47 = ChartScale(values: [913, 655], kind: .line, baseline: .automatic, unit: count)
        #expect(section47.low == 0 && !section47.isBroken)
        let forced = ChartScale(values: [23_266, 22_404], kind: .line, baseline: .zero, unit: count)
        #expect(forced.low == 0)
        let negative = ChartScale(values: [-23_266, -22_404], kind: .line, baseline: .automatic, unit: count)
        #expect(negative.high < 0 && negative.isBroken)
        let equal = ChartScale(values: [40, 40, 40], kind: .line, baseline: .automatic, unit: count)
        #expect(equal.low == 0 && equal.high == 40)
        let empty = ChartScale(values: [], kind: .line, baseline: .automatic, unit: count)
        #expect(empty.ticks == [0, 1])
    }
}

// MARK: - Numbers and words

@Suite struct ChartWordsTests {
    @Test func numbersHaveThousandsSeparatorsAndFixedDecimals() {
        #expect(NumberFormat.grouped(22_404, decimals: 0) == "22,404")
        #expect(NumberFormat.grouped(48.06, decimals: 1) == "48.1")
        #expect(NumberFormat.grouped(48, decimals: 1) == "48.0")
        #expect(NumberFormat.grouped(999.5, decimals: 0) == "1,000")
        #expect(NumberFormat.grouped(1_234_567.891, decimals: 2) == "1,234,567.89")
        #expect(NumberFormat.grouped(0.05, decimals: 2) == "0.05")
        #expect(NumberFormat.grouped(-1_234, decimals: 0) == "\u{2212}1,234")
        #expect(NumberFormat.grouped(-0.04, decimals: 1) == "0.0")
        #expect(NumberFormat.grouped(0, decimals: 0) == "0")
        #expect(NumberFormat.grouped(1e17, decimals: 0) == "100,000,000,000,000,000")
        #expect(NumberFormat.grouped(.nan, decimals: 0) == "n/a")
        #expect(ChartUnit.percentage().format(48.1) == "48.1%")
        #expect(ChartUnit.count("contacts").formatWithName(22_404) == "22,404 contacts")
    }

    static let mash = ChartSeries(name: "Suffolk", points: [
        ChartPoint(label: "June 2015–June 2016", value: 23_266),
        ChartPoint(label: "June 2016–June 2017", value: 22_404),
    ])
    static let section47 = ChartSeries(name: "Suffolk", points: [
        ChartPoint(label: "2015/16", value: 913), ChartPoint(label: "2016/17", value: 655),
    ])
    static let sarc = ChartSeries(name: "Suffolk", points: [
        ChartPoint(label: "2015/16", value: 39), ChartPoint(label: "2016/17", value: 47),
    ])

    @Test func seedTrendsInWords() {
        let contacts = ChartUnit.count("contacts")
        #expect(TrendWords.describe(series: Self.mash, unit: contacts, metricTitle: "MASH contacts")
            == "MASH contacts fell from 23,266 in June 2015–June 2016 to 22,404 in June 2016–June 2017, a fall of 4%.")
        #expect(TrendWords.headline(series: Self.mash, unit: contacts, metricTitle: "MASH contacts")
            == "MASH contacts fell 4% in June 2016–June 2017")
        #expect(TrendWords.describe(series: Self.section47, unit: .count("enquiries"), metricTitle: "Section 47 enquiries")
            == "Section 47 enquiries fell from 913 in 2015/16 to 655 in 2016/17, a fall of 28%.")
        #expect(TrendWords.describe(series: Self.sarc, unit: .count("children"), metricTitle: "Children seen at the SARC")
            == "Children seen at the SARC rose from 39 in 2015/16 to 47 in 2016/17, a rise of 21%.")
        #expect(TrendWords.headline(series: Self.sarc, unit: .count("children"), metricTitle: "Children seen at the SARC")
            == "Children seen at the SARC rose 21% in 2016/17")
    }

    @Test func longerSeriesNameTheExtremesAndTheGaps() {
        let series = ChartSeries(name: "A", points: [
            ChartPoint(label: "2013/14", value: 700), ChartPoint(label: "2014/15", value: 1_020),
            ChartPoint(label: "2015/16", value: nil), ChartPoint(label: "2016/17", value: 655),
            ChartPoint(label: "2017/18", value: 690),
        ])
        let unit = ChartUnit.count("enquiries")
        #expect(TrendWords.describe(series: series, unit: unit, metricTitle: "Enquiries")
            == "Enquiries fell from 700 in 2013/14 to 690 in 2017/18, a fall of 1%. "
            + "The highest figure was 1,020 in 2014/15 and the lowest 655 in 2016/17. "
            + "No figure was reported for 2015/16.")
        #expect(TrendWords.headline(series: series, unit: unit, metricTitle: "Enquiries") == "Enquiries rose 5% in 2017/18")
        let gapAtEnd = ChartSeries(name: "A", points: Array(series.points.prefix(4)))
        #expect(TrendWords.headline(series: gapAtEnd, unit: unit, metricTitle: "Enquiries")
            == "Enquiries fell 36% between 2014/15 and 2016/17")
    }

    @Test func percentagesChangeInPoints() {
        let series = ChartSeries(name: "A", points: [
            ChartPoint(label: "2015/16", value: 41), ChartPoint(label: "2016/17", value: 48.1),
        ])
        #expect(TrendWords.describe(series: series, unit: .percentage(), metricTitle: "The police share of referrals")
            == "The police share of referrals rose from 41.0% in 2015/16 to 48.1% in 2016/17, a rise of 7.1 percentage points.")
        #expect(TrendWords.headline(series: series, unit: .percentage(), metricTitle: "The police share")
            == "The police share rose 7.1 percentage points in 2016/17")
    }

    @Test func edgeCasesStillMakeSentences() {
        let unit = ChartUnit.count("arrests")
        func series(_ values: [Double?]) -> ChartSeries {
            ChartSeries(name: "A", points: values.enumerated().map { ChartPoint(label: "Y\($0 + 1)", value: $1) })
        }
        #expect(TrendWords.describe(series: series([]), unit: unit, metricTitle: "Arrests")
            == "No figures have been reported for Arrests.")
        #expect(TrendWords.headline(series: series([nil]), unit: unit, metricTitle: "Arrests") == "Arrests: no figures reported")
        #expect(TrendWords.describe(series: series([12]), unit: unit, metricTitle: "Arrests") == "Arrests stood at 12 in Y1.")
        #expect(TrendWords.headline(series: series([12]), unit: unit, metricTitle: "Arrests") == "Arrests: 12 in Y1")
        #expect(TrendWords.describe(series: series([5, 5, 5]), unit: unit, metricTitle: "Arrests")
            == "Arrests stood at 5 in both Y1 and Y3. The figure was the same in every period shown.")
        #expect(TrendWords.headline(series: series([5, 5]), unit: unit, metricTitle: "Arrests") == "Arrests did not change in Y2")
        #expect(TrendWords.describe(series: series([0, 4]), unit: unit, metricTitle: "Arrests")
            == "Arrests rose from 0 in Y1 to 4 in Y2.")
        #expect(TrendWords.headline(series: series([0, 4]), unit: unit, metricTitle: "Arrests") == "Arrests rose from 0 to 4 in Y2")
        #expect(TrendWords.describe(series: series([-3, 9]), unit: unit, metricTitle: "Net change")
            == "Net change rose from \u{2212}3 in Y1 to 9 in Y2, a rise of 12.")
        #expect(TrendWords.headline(series: series([-3, 9]), unit: unit, metricTitle: "Net change") == "Net change rose by 12 in Y2")
        #expect(TrendWords.headline(series: series([10_000, 10_001]), unit: unit, metricTitle: "Calls")
            == "Calls rose by less than 0.1% in Y2")
        #expect(TrendWords.headline(series: series([1_000, 1_004]), unit: unit, metricTitle: "Calls") == "Calls rose 0.4% in Y2")
    }

    @Test func severalSeriesAreNamed() {
        let words = TrendWords.describe(
            series: [Self.section47, ChartSeries(name: "Norfolk", points: Self.sarc.points)], unit: .count("cases"),
            metricTitle: "cases")
        #expect(words == "In Suffolk, cases fell from 913 in 2015/16 to 655 in 2016/17, a fall of 28%. "
            + "In Norfolk, cases rose from 39 in 2015/16 to 47 in 2016/17, a rise of 21%.")
    }
}

// MARK: - Colour

@Suite struct ChartColourTests {
    @Test func contrastFormulaMatchesWCAG() {
        #expect(abs(ChartColour("#000000").contrastRatio(with: ChartPalette.lightBackground) - 21) < 0.001)
        #expect(ChartColour("#777777").contrastRatio(with: ChartColour("#777777")) == 1)
        // GOV.UK's link blue on white is 5.17:1.
        #expect(abs(ChartColour("#1d70b8").contrastRatio(with: ChartPalette.lightBackground) - 5.17) < 0.01)
    }

    @Test func everySeriesColourStandsOutFromItsBackground() {
        for colour in ChartPalette.light {
            #expect(colour.contrastRatio(with: ChartPalette.lightBackground) >= 3, "\(colour) on white")
        }
        for colour in ChartPalette.dark {
            #expect(colour.contrastRatio(with: ChartPalette.darkBackground) >= 3, "\(colour) on dark")
        }
    }

    @Test func neighbouringSeriesStandOutFromEachOther() {
        for palette in [ChartPalette.light, ChartPalette.dark] {
            for (a, b) in zip(palette, palette.dropFirst()) {
                #expect(a.contrastRatio(with: b) >= 3, "\(a) next to \(b)")
            }
            #expect(Set(palette).count == palette.count)
        }
        #expect(Set(MarkerShape.allCases).count == ChartPalette.light.count)
        #expect(Set(BarPattern.allCases).count == ChartPalette.light.count)
    }

    @Test func theStyleSheetCarriesBothPalettes() {
        for colour in ChartPalette.light + ChartPalette.dark {
            #expect(ChartStyle.css.contains(colour.hex))
        }
    }
}

// MARK: - SVG

/// Charts for every edge case, drawn and compared with Snapshots/charts/NAME.svg.
enum ChartExamples {
    static let contacts = ChartUnit.count("contacts")

    static func bars(
        _ id: String, _ series: [ChartSeries], unit: ChartUnit = contacts, y: String, x: String
    ) -> ChartSpec {
        spec(id, series, kind: .bar, unit: unit, y: y, x: x)
    }

    static func spec(
        _ id: String, _ series: [ChartSeries], kind: ChartKind = .line, unit: ChartUnit = contacts,
        title: String = "A chart", y: String = "Contacts (number)", x: String = "Period"
    ) -> ChartSpec {
        ChartSpec(
            id: id, kind: kind, title: title,
            description: TrendWords.describe(series: series, unit: unit, metricTitle: "The figure"),
            yAxisLabel: y, xAxisLabel: x, series: series, unit: unit)
    }

    static func series(_ name: String, _ labels: [String], _ values: [Double?], linked: Bool = true) -> ChartSeries {
        ChartSeries(name: name, points: zip(labels, values).enumerated().map { index, pair in
            ChartPoint(
                label: pair.0, value: pair.1, href: linked ? "/reports/report-\(index + 1)/#figures" : nil,
                note: index == 0 ? "provisional" : nil, sourceTitle: linked ? "Board report \(index + 1)" : nil)
        })
    }

    static let years = ["2011/12", "2012/13", "2013/14", "2014/15", "2015/16", "2016/17", "2017/18", "2018/19"]
    static let ranges = ["Jun 2015–Jun 2016", "Jun 2016–Jun 2017", "Jun 2017–Jun 2018", "Jun 2018–Jun 2019",
                         "Jun 2019–Jun 2020", "Jun 2020–Jun 2021"]
    static let forces = ["Suffolk Constabulary", "Norfolk Constabulary", "Essex Police",
                         "Cambridgeshire Constabulary", "Bedfordshire Police", "Hertfordshire Constabulary"]

    static let all: [String: ChartSpec] = [
        "line-mash-two-points": spec("mash-contacts", [
            series("Suffolk", ["June 2015 to June 2016", "June 2016 to June 2017"], [23_266, 22_404]),
        ], title: "MASH contacts fell 4% in June 2016 to June 2017"),
        "line-one-point": spec("one", [series("Suffolk", ["2016/17"], [47])], y: "Children (number)"),
        "line-gaps": spec("gaps", [
            series("Suffolk Constabulary", years, [913, 870, nil, 790, 760, nil, 655, 700]),
            series("Norfolk Constabulary", years, [nil, 420, 460, 500, nil, 520, 540, nil]),
        ], y: "Section 47 enquiries (number)"),
        "line-negative": spec("negative", [series("Suffolk", years, [120, 45, -30, -85, -10, 60, 25, -40])],
            y: "Change on the year before (number)"),
        "line-percentage": spec("percent", [
            series("Police", ["2014/15", "2015/16", "2016/17"], [38.5, 41.0, 48.1]),
            series("Schools", ["2014/15", "2015/16", "2016/17"], [22.0, 19.4, 17.2]),
        ], unit: .percentage(), y: "Share of referrals (%)"),
        "line-six-series": spec("six", forces.enumerated().map { index, name in
            series(name, Array(years.prefix(5)), (0..<5).map { Double(300 + index * 90 + ($0 * (index + 3) * 37) % 200) })
        }, y: "Missing children episodes (number)"),
        "line-long-labels": spec("long", [series("Suffolk", ranges, [23_266, 22_404, 21_950, 24_100, 19_870, 20_400])],
            title: String(repeating: "A very long title that keeps going ", count: 8), y: String(
                repeating: "Contacts about concerns for children received by the multi-agency safeguarding hub ", count: 2)
                + "(number)", x: "Twelve months from June to June"),
        "line-many-points": spec("many", [series("Suffolk", (2000...2023).map { "\($0)/\(String($0 + 1).suffix(2))" },
            (0..<24).map { Double(2_000 + ($0 * 731) % 900) })]),
        "line-equal-values": spec("equal", [series("Suffolk", Array(years.prefix(4)), [40, 40, 40, 40])]),
        "line-all-zero": spec("zero", [series("Suffolk", Array(years.prefix(4)), [0, 0, 0, 0])]),
        "line-no-data": spec("none", [series("Suffolk", Array(years.prefix(3)), [nil, nil, nil])]),
        "line-no-links": spec("unlinked", [series("Suffolk", Array(years.prefix(3)), [39, 47, 51], linked: false)]),
        "line-escaping": spec("2016 <b>&\"quotes'", [
            series("A & B <Partners> \"quoted\" 'single'", ["<2016>", "Q&A"], [1, 2]),
        ], title: "Fish & chips <script>alert('x')</script> \"rose\"", y: "Things & stuff (<number>)"),
        "bar-categories": bars("categories", [series("Suffolk", [
            "Self-referral", "Police", "Social care", "Health services including GPs", "School",
        ], [5, 39, 2, 1, 0])], y: "Children referred to the SARC (number)", x: "Source of referral"),
        "bar-grouped": bars("grouped", [
            series("2015/16", ["Under 13", "13 to 15", "16 to 17"], [14, 17, 8]),
            series("2016/17", ["Under 13", "13 to 15", "16 to 17"], [17, 19, 11]),
            series("2017/18", ["Under 13", "13 to 15", "16 to 17"], [12, nil, 9]),
        ], y: "Children (number)", x: "Age group"),
        "bar-negative-percentage": bars("bar-negative", [
            series("Change", ["Burglary", "Robbery", "Vehicle crime", "Violence", "Fraud"], [-12.5, 4.2, -30.1, 18.9, 0]),
        ], unit: .percentage(), y: "Change since last year (%)", x: "Crime type"),
        "bar-horizontal-grouped": bars("horizontal-grouped", [
            series("2015/16", ["Child sexual exploitation", "Missing from home", "Online abuse"], [31, 2_487, 120]),
            series("2016/17", ["Child sexual exploitation", "Missing from home", "Online abuse"], [44, 2_210, nil]),
        ], y: "Referrals (number)", x: "Concern"),
        "line-rotated-labels": spec("rotated-line", [series("Suffolk", [
            "Supercalifragilisticexpialidocious", "Antidisestablishmentarianism", "Pneumonoultramicroscopic",
        ], [3, 5, 4])], y: "Words (number)", x: "Word"),
        "line-no-series": spec("empty", []),
        "bar-no-series": bars("empty-bars", [], y: "Things (number)", x: "Category"),
        "bar-six-series": bars("bar-six", forces.enumerated().map { index, name in
            series(name, ["2015/16", "2016/17"], [Double(40 + index * 7), Double(55 - index * 4)])
        }, y: "Officers trained (number)", x: "Year"),
        "bar-rotated": bars("rotated", [series("Suffolk", [
            "Antisocialbehaviour", "Burglary", "Criminaldamageandarson", "Drugs", "Possessionofweapons",
            "Publicorder", "Robbery", "Shoplifting", "Theftfromtheperson", "Vehiclecrime",
        ], [1200, 900, 1500, 400, 120, 800, 60, 1100, 300, 950])], y: "Crimes (number)", x: "Crime type"),
    ]
}

@Suite struct ChartSVGTests {
    static let snapshots = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "Snapshots/charts")
    static let recording = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"

    @Test(arguments: ChartExamples.all.keys.sorted())
    func matchesSnapshot(_ name: String) throws {
        let svg = ChartRenderer.svg(try #require(ChartExamples.all[name]))
        let file = Self.snapshots.appending(path: name + ".svg")
        if Self.recording {
            try FileManager.default.createDirectory(at: Self.snapshots, withIntermediateDirectories: true)
            try Data(svg.utf8).write(to: file)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        if svg != expected {
            let line = zip(svg.split(separator: "\n"), expected.split(separator: "\n")).enumerated()
                .first { $1.0 != $1.1 }
            Issue.record("""
                \(name).svg differs (RECORD_SNAPSHOTS=1 swift test --filter Chart re-records it) at line \
                \((line?.offset ?? 0) + 1):
                  got:      \(line.map { String($0.element.0) } ?? "(length differs)")
                  expected: \(line.map { String($0.element.1) } ?? "")
                """)
        }
    }

    @Test(arguments: ChartExamples.all.keys.sorted())
    func isWellFormedAccessibleSVG(_ name: String) throws {
        let spec = try #require(ChartExamples.all[name])
        let svg = ChartRenderer.svg(spec)
        let root = try #require(try XMLDocument(data: Data(svg.utf8)).rootElement())
        #expect(root.name == "svg")
        #expect(attribute("viewBox", of: root) != nil)
        #expect(attribute("width", of: root) == nil && attribute("height", of: root) == nil)
        let role = attribute("role", of: root)
        let labelled = attribute("aria-labelledby", of: root) ?? ""
        let ids = ChartIDs(spec.id)
        let title = try #require(root.elements(forName: "title").first)
        let desc = try #require(root.elements(forName: "desc").first)
        #expect(attribute("id", of: title) == ids.title)
        #expect(attribute("id", of: desc) == ids.desc)
        #expect(title.stringValue == spec.title && desc.stringValue == spec.description)
        let links = try root.nodes(forXPath: "//*[local-name()='a']").compactMap { $0 as? XMLElement }
        if links.isEmpty {
            #expect(role == "img" && labelled == "\(ids.title) \(ids.desc)")
        } else {
            // Focusable links must not sit inside role="img" (axe-core: nested-interactive).
            #expect(role == "group" && labelled == ids.title)
            #expect(attribute("aria-describedby", of: root) == ids.desc)
        }
        let linkedPoints = spec.series.flatMap { $0.valued.filter { $0.point.href != nil } }
        #expect(links.count == linkedPoints.count)
        for link in links {
            #expect(attribute("href", of: link)?.hasPrefix("/reports/") == true)
            let name = link.elements(forName: "title").first?.stringValue ?? ""
            #expect(!name.isEmpty && name.contains(":"))
        }
        #expect(!svg.contains("<script") && !svg.contains("@import") && !svg.contains("url(http"))
        #expect(!svg.contains("font-family=") && !svg.contains("NaN") && !svg.contains("inf"))
    }

    /// FoundationXML on Linux finds no attribute by name on an element in a namespace: look through them.
    func attribute(_ name: String, of element: XMLElement) -> String? {
        element.attributes?.first { $0.name == name }?.stringValue
    }

    @Test func sameSpecGivesTheSameBytes() throws {
        for spec in ChartExamples.all.values {
            #expect(ChartRenderer.svg(spec) == ChartRenderer.svg(spec))
        }
    }

    @Test func pointLinksSayWhatAndWhere() {
        let point = ChartPoint(label: "2016/17", value: 22_404, href: "/x/", note: "provisional", sourceTitle: "Paper AP17/47")
        #expect(ChartRenderer.pointName(series: ChartSeries(name: "Suffolk", points: [point]), point: point, value: 22_404,
            unit: .count("contacts")) == "Suffolk, 2016/17: 22,404 contacts (provisional). Source: Paper AP17/47")
    }

    @Test func idsAreSafeForXMLAndCSS() {
        #expect(ChartIDs("mash-contacts").title == "mash-contacts-title")
        #expect(ChartIDs("2016 <b>").base == "chart-2016--b-")
        #expect(ChartIDs("").base == "chart-")
    }

    @Test func scriptLinksAreNeverWritten() {
        let points = ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:x", "data:text/html,x", "/ok/"]
            .enumerated().map { ChartPoint(label: "P\($0)", value: Double($0), href: $1) }
        let svg = ChartRenderer.svg(ChartExamples.spec("unsafe", [ChartSeries(name: "A", points: points)]))
        #expect(!svg.lowercased().contains("script:") && !svg.contains("data:"))
        #expect(svg.components(separatedBy: "<a ").count == 2)
    }

    @Test func barsTurnOnTheirSideWhenCategoryLabelsWouldNotFit() {
        #expect(ChartRenderer.svg(ChartExamples.all["bar-categories"]!).contains("rs-chart--horizontal"))
        #expect(!ChartRenderer.svg(ChartExamples.all["bar-grouped"]!).contains("rs-chart--horizontal"))
        #expect(ChartRenderer.svg(ChartExamples.all["line-rotated-labels"]!).contains("rotate(-45"))
    }

    @Test func linesBreakAtGapsAndEveryPointHasAMarker() {
        let svg = ChartRenderer.svg(ChartExamples.all["line-gaps"]!)
        // Suffolk: 913, 870 | 790, 760 | 655, 700 → three runs; Norfolk: 420…500 | 520, 540 → two.
        let paths = svg.split(separator: "\n").filter { $0.contains("rs-chart__line rs-chart__series") }
        #expect(paths.map { $0.components(separatedBy: "M").count - 1 } == [3, 2])
        #expect(svg.components(separatedBy: "class=\"rs-chart__point\"").count - 1 == 11)
    }
}
