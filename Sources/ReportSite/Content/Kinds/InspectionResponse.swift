import Yams

/// A commissioner's response to an inspection report (`Content/responses/`),
/// published under Police Act 1996 s55.
public struct InspectionResponse: Sendable, Codable {
    public var inspectorate: String
    public var inspection: String
    public var fieldwork: DateRange?
    /// When the inspectorate published its report; starts the 56-day clock.
    public var reportPublished: Day?
    public var addressee: Person
    public var signedBy: Person
    public var copiedTo: [String]
    public var recommendations: [InspectionRecommendation]
    /// Where the inspection is named, for the warning when its publication date is missing.
    public var inspectionPosition: SourcePosition?
    /// The letter: the body before the first recommendation's response.
    public var letter = BodyPart()
    /// Body content after the recommendations (e.g. closing remarks), if any.
    public var closing = BodyPart()

    /// s55(5A): the response must be published before the end of 56 days
    /// beginning with the day the report is published, so the last day is
    /// publication + 55 days.
    public var responseDeadline: Day? {
        reportPublished?.adding(days: 55)
    }

    static func read(_ fields: YAMLReader.Fields) -> InspectionResponse? {
        let inspectorate: String? = fields.required("inspectorate")
        let inspection: String? = fields.required("inspection")
        let fieldwork: DateRange? = fields.optional("fieldwork")
        let reportPublished: Day? = fields.optional("report_published")
        let addressee: Person? = fields.required("addressee")
        let signedBy: Person? = fields.required("signed_by")
        let copiedTo: [String]? = fields.optional("copied_to")
        let recommendations: [InspectionRecommendation]? = fields.required("recommendations")
        if let recommendations, let node = fields.node("recommendations") {
            if recommendations.isEmpty {
                fields.reader.error(node, "a response needs at least one recommendation")
            }
            var seen: Set<Int> = []
            for recommendation in recommendations where !seen.insert(recommendation.number).inserted {
                fields.reader.error(at: recommendation.position, "recommendation \(recommendation.number) is listed twice")
            }
        }
        guard let inspectorate, let inspection, let addressee, let signedBy, let recommendations else { return nil }
        return InspectionResponse(
            inspectorate: inspectorate, inspection: inspection, fieldwork: fieldwork,
            reportPublished: reportPublished, addressee: addressee, signedBy: signedBy,
            copiedTo: copiedTo ?? [], recommendations: recommendations,
            inspectionPosition: fields.node("inspection").flatMap(fields.reader.position))
    }

    /// The Police Act 1996 s55 checks: was the response published in time, and
    /// can that be known at all? (A missing response to a recommendation,
    /// s55(5B), is reported when the body is read.)
    func statutoryWarnings(published: Day, publishedPosition: SourcePosition?, file: String) -> [Diagnostic] {
        guard let deadline = responseDeadline else {
            return [.warning(file, inspectionPosition,
                "the inspection report's publication date is not recorded, so the 56-day deadline cannot be shown",
                note: "add 'report_published: YYYY-MM-DD', the day the inspectorate published its report")]
        }
        guard published > deadline else { return [] }
        return [.warning(file, publishedPosition,
            "the response was published on \(published.long), after the s55 deadline of \(deadline.long)",
            note: "the Police Act 1996 s55(5A) allows 56 days beginning with the day the report was published")]
    }
}

/// One recommendation of an inspection report and the force's response to it.
public struct InspectionRecommendation: Sendable, YAMLDecodable, Codable {
    public enum Status: String, YAMLEnum {
        case notStarted = "not-started"
        case inProgress = "in-progress"
        case complete
        public static let description = "a recommendation status"

        public var label: String {
            switch self {
            case .notStarted: "Not started"
            case .inProgress: "In progress"
            case .complete: "Complete"
            }
        }
    }

    public var number: Int
    public var text: String
    public var timescale: Timescale
    public var status: Status
    public var position: SourcePosition?
    /// Anchor: `recommendation-3`.
    public var anchor: String { "recommendation-\(number)" }
    /// The force's response, from the body's `## Recommendation N` section.
    public var response: BodyPart?
    /// The `### Further work` part of that section.
    public var furtherWork: BodyPart?

    public static func decode(_ node: Node, _ reader: YAMLReader) -> InspectionRecommendation? {
        guard let fields = reader.fields(node, "a recommendation") else { return nil }
        let number: Int? = fields.required("number")
        let text: String? = fields.required("text")
        let timescale: Timescale? = fields.required("timescale")
        let status: Status? = fields.optional("status")
        fields.finish()
        guard let number, let text, let timescale else { return nil }
        return InspectionRecommendation(
            number: number, text: text, timescale: timescale, status: status ?? .notStarted,
            position: reader.position(node))
    }
}

/// A start and end date, e.g. an inspection's fieldwork.
public struct DateRange: Sendable, Hashable, YAMLDecodable, Codable {
    public var start: Day
    public var end: Day

    public static func decode(_ node: Node, _ reader: YAMLReader) -> DateRange? {
        guard let fields = reader.fields(node, "a date range (start and end)") else { return nil }
        let start: Day? = fields.required("start")
        let end: Day? = fields.required("end")
        fields.finish()
        guard let start, let end else { return nil }
        if end < start {
            reader.error(node, "the range ends (\(end)) before it starts (\(start))")
            return nil
        }
        return DateRange(start: start, end: end)
    }
}
