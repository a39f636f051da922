import Testing

@testable import ReportSite

@Suite struct DayTests {
    @Test func parsesOnlyRealDates() {
        #expect(Day(iso: "2024-02-29") != nil)
        #expect(Day(iso: "2023-02-29") == nil)
        #expect(Day(iso: "2024-13-01") == nil)
        #expect(Day(iso: "24-01-01") == nil)
        #expect(Day(iso: "2016-09-22")?.long == "22 September 2016")
    }

    /// Feeds, sitemaps and `<time datetime>` need four-digit years and two-digit months and days.
    @Test func isoDatesArePadded() {
        #expect(Day(iso: "2016-09-22")?.iso == "2016-09-22")
        #expect(Day(year: 2017, month: 1, day: 5)?.iso == "2017-01-05")
        #expect(Day(year: 987, month: 11, day: 30)?.iso == "0987-11-30")
        #expect(Day(year: 12345, month: 3, day: 4)?.iso == "12345-03-04")
    }

    /// s55(5A): 56 days beginning with the publication day, so the last day is publication + 55.
    @Test func responseDeadlineCountsFiftySixDaysIncludingPublication() {
        func deadline(_ published: String) -> String? {
            var response = InspectionResponse(
                inspectorate: "HMICFRS", inspection: "x", fieldwork: nil, reportPublished: Day(iso: published),
                addressee: Person(name: "a", role: "b"), signedBy: Person(name: "c", role: "d"), copiedTo: [],
                recommendations: [])
            response.copiedTo = []
            return response.responseDeadline?.iso
        }
        #expect(deadline("2021-12-21") == "2022-02-14")
        #expect(deadline("2024-01-10") == "2024-03-05")  // across a leap February
        #expect(deadline("2023-01-10") == "2023-03-06")
        #expect(deadline("2024-12-31") == "2025-02-24")  // across a year end
    }

    @Test func timescalesParseAndGiveDueDates() throws {
        #expect(Timescale("immediately") == .immediately)
        #expect(Timescale("within six months") == .within(6, .month))
        #expect(Timescale("Within 3 Weeks") == .within(3, .week))
        #expect(Timescale("within one month") == .within(1, .month))
        #expect(Timescale("soon") == nil)
        #expect(Timescale("within half a year") == nil)
        #expect(Timescale.within(6, .month).description == "Within six months")
        let august31 = try #require(Day(iso: "2023-08-31"))
        #expect(Timescale.within(6, .month).due(from: august31).iso == "2024-02-29")
        #expect(Timescale.within(2, .week).due(from: august31).iso == "2023-09-14")
    }
}
