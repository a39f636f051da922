import Foundation
import Testing

@testable import ReportSite

/// Figures as data: typed periods, checked figures, charts in documents and trend pages.
@Suite struct MetricsTests {
    static let example = SiteBuilder.build(Fixtures.exampleSite)

    func file(_ path: String) throws -> String {
        try #require(Self.example.file(path), "\(path) was not built")
    }

    @Test func periodsAreTyped() {
        #expect(Period("2016-09-22") == .day(Day(year: 2016, month: 9, day: 22)!))
        #expect(Period("2016-06..2017-06")?.label == "Jun 2016\u{2013}Jun 2017")
        #expect(Period("2016/17") == .financialYear(2016))
        #expect(Period("1999/00") == .financialYear(1999))
        #expect(Period("2016")?.label == "2016")
        for bad in ["2016/18", "2017-06..2016-06", "2016-13..2017-01", "June 2016", "16/17", ""] {
            #expect(Period(bad) == nil, "\(bad)")
        }
        #expect(Period("2015/16")! < Period("2016-06..2017-06")!)
    }

    @Test func trendPagesCarryTheSeedFiguresAndLinkToTheirSources() throws {
        let mash = try file("trends/mash-contacts/index.html")
        #expect(mash.contains("23,266"))
        #expect(mash.contains("22,404"))
        #expect(mash.contains("MASH contacts about children fell 4% in Jun 2016\u{2013}Jun 2017"))
        #expect(mash.contains("<a href=\"/reports/2017-09-01-ap17-47/\">Protecting vulnerable people"))
        #expect(mash.contains("<svg"))
        let section47 = try file("trends/section-47-enquiries/index.html")
        #expect(section47.contains("913") && section47.contains("655"))
        let sarc = try file("trends/sarc-child-attendances/index.html")
        #expect(sarc.contains("rose 21%"))
        #expect(sarc.contains("17 of them under 13"))
        #expect(try file("trends/missing-child-episodes/index.html").contains("2,487"))
        let detection = try file("trends/detection-rate/index.html")
        #expect(detection.contains("48.1%") && detection.contains("29.0%"))
        let trends = try file("trends/index.html")
        #expect(trends.contains("<a href=\"/trends/child-protection-officers/\">Officers and staff in child protection teams</a>"))
    }

    @Test func chartBlocksBecomeChartsWithDataTables() throws {
        let paper = try file("reports/2017-09-01-ap17-47/index.html")
        #expect(!paper.contains("<!--reportsite:chart"))
        #expect(paper.components(separatedBy: "<figure class=\"chart\"").count - 1 == 3)
        #expect(paper.contains("<caption>The figures in this chart</caption>"))
        #expect(paper.contains("href=\"/trends/mash-contacts/mash-contacts.csv\""))
        for file in Self.example.files where file.path.hasSuffix(".html") {
            #expect(!String(decoding: file.data, as: UTF8.self).contains("<!--reportsite:chart"), "\(file.path)")
        }
    }

    @Test func downloadsHoldEveryFigure() throws {
        let csv = try file("trends/mash-contacts/mash-contacts.csv")
        #expect(csv.hasPrefix("metric,period,period_label,organisation,organisation_name,category,value,unit,note,source,source_url\r\n"))
        #expect(csv.contains("mash-contacts,2015-06..2016-06,Jun 2015\u{2013}Jun 2016,suffolk-constabulary,Suffolk Constabulary,,23266,contacts,,"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try file("trends/detection-rate/detection-rate.json").utf8)) as? [String: Any])
        let figures = try #require(json["figures"] as? [[String: Any]])
        #expect(figures.compactMap { $0["value"] as? Double }.sorted() == [29.0, 48.1])
        #expect(figures.allSatisfy { ($0["sourceURL"] as? String)?.hasPrefix("https://opcc.example.org/reports/") == true })
        #expect(TrendData.field("=SUM(A1)") == "'=SUM(A1)")
        #expect(TrendData.field("a, \"b\"") == "\"a, \"\"b\"\"\"")
    }

    // MARK: - Validation

    let metrics = """
        metrics:
          - {id: road-deaths, title: Road deaths, unit: deaths, description: People killed on the roads.}
          - {id: detection-rate, title: Detection rate, unit: percent, description: Share detected.}
        """

    func site(_ edits: [String: String]) -> BuildResult {
        var files = Fixtures.site("valid").contents.mapValues { String(decoding: $0, as: UTF8.self) }
        files["Content/data/metrics.yml"] = metrics
        for (path, text) in edits { files[path] = text }
        return SiteBuilder.build(MemoryFileSystem(files))
    }

    func paper(_ figures: String, body: String = "## 1. Purpose\n\n1.1 Text.") -> String {
        """
        ---
        title: Roads paper
        date: 2024-06-01
        organisation: sample-police
        summary: A paper.
        board: Panel
        originator: Chief Constable
        figures:
        \(figures)
        ---

        \(body)
        """
    }

    @Test func badPeriodsAndValuesArePositionedErrors() {
        let result = site(["Content/reports/2024-06-01-roads.md": paper("""
              - {metric: road-deaths, period: 2023/25, value: 12}
              - {metric: road-deaths, period: 2022, value: twelve}
            """)])
        #expect(result.diagnostics.sorted.map(\.description) == [
            "Content/reports/2024-06-01-roads.md:9:35: error: '2023/25' is not a period",
            "Content/reports/2024-06-01-roads.md:10:48: error: 'twelve' is not a number",
        ])
    }

    @Test func unknownMetricsAndUnitMismatchesArePositionedErrors() {
        let result = site(["Content/reports/2024-06-01-roads.md": paper("""
              - {metric: road-death, period: 2023, value: 12}
              - {metric: detection-rate, period: 2023, value: 40, unit: deaths}
            """)])
        #expect(result.diagnostics.sorted.map(\.description) == [
            "Content/reports/2024-06-01-roads.md:9:14: error: unknown metric 'road-death'",
            "Content/reports/2024-06-01-roads.md:10:5: error: this figure is in deaths, but detection-rate counts percent",
        ])
        #expect(result.diagnostics.sorted.first?.note == "did you mean 'road-deaths'?")
    }

    @Test func conflictingFiguresNameBothSources() {
        let result = site([
            "Content/reports/2024-06-01-roads.md": paper("  - {metric: road-deaths, period: 2023, value: 12}"),
            "Content/reports/2024-07-01-roads.md": paper("  - {metric: road-deaths, period: 2023, value: 11}")
                .replacing("date: 2024-06-01", with: "date: 2024-07-01"),
        ])
        #expect(result.diagnostics.all.map(\.description) == [
            "Content/reports/2024-07-01-roads.md:9:5: error: road-deaths for 2023 (sample-police) is 11 here but 12 in Content/reports/2024-06-01-roads.md:9"
        ])
        let agreeing = site([
            "Content/reports/2024-06-01-roads.md": paper("  - {metric: road-deaths, period: 2023, value: 12}"),
            "Content/reports/2024-07-01-roads.md": paper("  - {metric: road-deaths, period: 2023, value: 12}")
                .replacing("date: 2024-06-01", with: "date: 2024-07-01"),
        ])
        #expect(agreeing.succeeded, "the same figure reported twice is fine")
    }

    @Test func chartBlocksAreChecked() {
        let result = site(["Content/reports/2024-06-01-roads.md": paper(
            "  - {metric: road-deaths, period: 2023, value: 12}",
            body: "## 1. Purpose\n\n```chart road-death\n```\n\n```chart road-deaths\ncolour: red\n```\n\n```chart road-deaths\norganisations: sample-polise\n```")])
        #expect(result.diagnostics.sorted.map(\.description) == [
            "Content/reports/2024-06-01-roads.md:14:1: error: the chart names unknown metric 'road-death'",
            "Content/reports/2024-06-01-roads.md:18:1: error: unknown chart option 'colour'",
            "Content/reports/2024-06-01-roads.md:21:1: error: the chart names unknown organisation 'sample-polise'",
        ])
    }

    @Test func aChartInADocumentDrawsTheSiteWideSeries() throws {
        let result = site([
            "Content/reports/2024-06-01-roads.md": paper("  - {metric: road-deaths, period: 2023, value: 12}",
                body: "## 1. Deaths\n\n```chart road-deaths line\n```"),
            "Content/reports/2024-07-01-roads.md": paper("  - {metric: road-deaths, period: 2024, value: 9}")
                .replacing("date: 2024-06-01", with: "date: 2024-07-01"),
        ])
        #expect(result.succeeded, "\(result.formattedDiagnostics())")
        let page = try #require(result.file("reports/2024-06-01-roads/index.html"))
        #expect(page.contains("Road deaths fell 25% in 2024"))
        #expect(page.contains("<a href=\"/reports/2024-07-01-roads/\">Roads paper</a>"))
        #expect(page.contains("class=\"rs-chart rs-chart--line\""))
    }
}
