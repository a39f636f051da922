import Yams

/// Notes of a meeting at which the commissioner holds the force to account
/// (`Content/meetings/`).
public struct AssuranceMeeting: Sendable, Codable {
    public enum Verdict: String, YAMLEnum {
        case assured
        case partlyAssured = "partly-assured"
        case notAssured = "not-assured"
        public static let description = "a verdict"

        public var label: String {
            switch self {
            case .assured: "Assured"
            case .partlyAssured: "Partly assured"
            case .notAssured: "Not assured"
            }
        }
    }

    public var chair: Person
    public var noteTaker: Person?
    public var venue: String
    public var attendees: [Person]
    public var purpose: String
    public var verdict: Verdict?
    public var actions: [MeetingAction]
    /// Body text before the first question (e.g. opening remarks).
    public var introduction = BodyPart()
    /// The questions put at the meeting, from the body (see `BodyAssembly`).
    public var questions: [MeetingQuestion] = []

    static func read(_ fields: YAMLReader.Fields) -> AssuranceMeeting? {
        let chair: Person? = fields.required("chair")
        let noteTaker: Person? = fields.optional("note_taker")
        let venue: String? = fields.required("venue")
        let attendees: [Person]? = fields.required("attendees")
        let purpose: String? = fields.required("purpose")
        let verdict: Verdict? = fields.optional("verdict")
        let actions: [MeetingAction]? = fields.optional("actions")
        if let attendees, attendees.isEmpty, let node = fields.node("attendees") {
            fields.reader.error(node, "a meeting needs at least one attendee")
        }
        guard let chair, let venue, let attendees, let purpose else { return nil }
        return AssuranceMeeting(
            chair: chair, noteTaker: noteTaker, venue: venue, attendees: attendees, purpose: purpose,
            verdict: verdict, actions: actions ?? [])
    }
}

/// A follow-up action agreed at a meeting.
public struct MeetingAction: Sendable, YAMLDecodable, Codable {
    public enum Status: String, YAMLEnum {
        case open
        case inProgress = "in-progress"
        case complete
        public static let description = "an action status"
    }

    public var id: String
    public var action: String
    public var owner: String
    public var due: Day?
    public var status: Status

    public static func decode(_ node: Node, _ reader: YAMLReader) -> MeetingAction? {
        guard let fields = reader.fields(node, "an action") else { return nil }
        let id: String? = fields.required("id")
        let action: String? = fields.required("action")
        let owner: String? = fields.required("owner")
        let due: Day? = fields.optional("due")
        let status: Status? = fields.optional("status")
        fields.finish()
        guard let id, let action, let owner else { return nil }
        return MeetingAction(id: id, action: action, owner: owner, due: due, status: status ?? .open)
    }
}

/// One question put at a meeting and the answer given.
public struct MeetingQuestion: Sendable, Codable {
    public var number: Int
    /// Permanent anchor: `question-3`.
    public var anchor: String { "question-\(number)" }
    public var question: String
    /// The answer: the body between this question's heading and the next.
    public var answer: BodyPart
    /// Whether the answer includes information supplied after the meeting.
    public var hasPostMeetingInformation: Bool
}
