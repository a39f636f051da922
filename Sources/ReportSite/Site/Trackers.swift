/// Recommendations and actions across every document, each with its status
/// history: the status the document itself gives, then every later
/// document's update, in date order. Nothing is overwritten.
public struct Trackers: Sendable {
    /// One step of a status history: what a document said, and when.
    public struct StatusEntry: Sendable {
        public var status: String
        public var date: Day
        /// The document that says so.
        public var sourcePath: String
        public var note: String?
    }

    public struct Recommendation: Sendable {
        public var response: Document
        public var number: Int
        public var text: String
        public var timescale: Timescale
        /// The timescale counted from the report's publication; nil when that date is unknown.
        public var due: Day?
        public var history: [StatusEntry]
        public var status: InspectionRecommendation.Status
        public var isOverdue: Bool
    }

    public struct Action: Sendable {
        public var meeting: Document
        public var action: MeetingAction
        public var history: [StatusEntry]
        public var status: MeetingAction.Status
        public var isOverdue: Bool
    }

    public var recommendations: [Recommendation]
    public var actions: [Action]

    /// A response's recommendations, by the response's path.
    public func recommendations(of path: String) -> [Recommendation] { byResponse[path] ?? [] }
    /// A meeting's actions, by the meeting's path.
    public func actions(of path: String) -> [Action] { byMeeting[path] ?? [] }
    private var byResponse: [String: [Recommendation]] = [:]
    private var byMeeting: [String: [Action]] = [:]
    /// The date the statuses are as at: the newest publication or update, so
    /// "overdue" never depends on the day the site happens to be built.
    public var asAt: Day?

    /// Gathers the trackers from `documents` (the published ones) and checks
    /// every status update, reporting bad ones where they are written.
    static func build(_ documents: [Document], diagnostics: inout DiagnosticBag) -> Trackers {
        let live = documents.filter { $0.metadata != nil && $0.metadata?.status != .withdrawn }
        let index = DocumentIndex(live.map { ($0.path, SiteGraph.path(of: $0)) })
        let bySitePath = Dictionary(live.map { (SiteGraph.path(of: $0), $0) }, uniquingKeysWith: { a, _ in a })

        var recommendationUpdates: [String: [StatusEntry]] = [:]  // "path#number"
        var actionUpdates: [String: [StatusEntry]] = [:]  // "path#id"
        for document in live {
            guard let metadata = document.metadata else { continue }
            for update in metadata.updates {
                guard case let .page(sitePath) = index.resolve(update.document, from: document.path),
                    let target = bySitePath[sitePath]
                else {
                    diagnostics.error(document.path, update.position, "the update names '\(update.document)', which is not a published document")
                    continue
                }
                if let targetDate = target.metadata?.date, targetDate >= metadata.date, target.path != document.path {
                    diagnostics.error(document.path, update.position,
                        "an update must come from a later document: this one is dated \(metadata.date.long), \(target.title) \(targetDate.long)")
                    continue
                }
                let entry = StatusEntry(status: update.status, date: metadata.date, sourcePath: document.path, note: update.note)
                switch (update.target, target.content) {
                case let (.recommendation(number), .response(response)):
                    guard response.recommendations.contains(where: { $0.number == number }) else {
                        diagnostics.error(document.path, update.position, "\(target.title) has no recommendation \(number)",
                            note: "it has recommendations \(response.recommendations.map { String($0.number) }.joined(separator: ", "))")
                        continue
                    }
                    guard check(update, as: InspectionRecommendation.Status.self, in: document, &diagnostics) else { continue }
                    recommendationUpdates["\(target.path)#\(number)", default: []].append(entry)
                case let (.action(id), .meeting(meeting)):
                    guard meeting.actions.contains(where: { $0.id == id }) else {
                        diagnostics.error(document.path, update.position, "\(target.title) has no action '\(id)'",
                            note: Suggestion.note(for: id, in: meeting.actions.map(\.id))
                                ?? "its actions are: \(meeting.actions.map(\.id).joined(separator: ", "))")
                        continue
                    }
                    guard check(update, as: MeetingAction.Status.self, in: document, &diagnostics) else { continue }
                    actionUpdates["\(target.path)#\(id)", default: []].append(entry)
                case (.recommendation, _):
                    diagnostics.error(document.path, update.position, "\(target.title) is not an inspection response, so it has no recommendations")
                case (.action, _):
                    diagnostics.error(document.path, update.position, "\(target.title) is not a meeting, so it has no actions")
                }
            }
        }

        let asAt = live.flatMap { document in
            [document.metadata!.lastUpdated, document.metadata!.date]
        }.max()
        var recommendations: [Recommendation] = []
        var actions: [Action] = []
        for document in live {
            let date = document.metadata!.date
            switch document.content {
            case let .response(response):
                for item in response.recommendations {
                    let history = [StatusEntry(status: item.status.rawValue, date: date, sourcePath: document.path, note: nil)]
                        + ordered(recommendationUpdates["\(document.path)#\(item.number)"] ?? [])
                    let status = InspectionRecommendation.Status(rawValue: history.last!.status) ?? item.status
                    let due = response.reportPublished.map { item.timescale.due(from: $0) }
                    recommendations.append(Recommendation(
                        response: document, number: item.number, text: item.text, timescale: item.timescale, due: due,
                        history: history, status: status,
                        isOverdue: status != .complete && isPast(due, asAt)))
                }
            case let .meeting(meeting):
                for item in meeting.actions {
                    let history = [StatusEntry(status: item.status.rawValue, date: date, sourcePath: document.path, note: nil)]
                        + ordered(actionUpdates["\(document.path)#\(item.id)"] ?? [])
                    let status = MeetingAction.Status(rawValue: history.last!.status) ?? item.status
                    actions.append(Action(
                        meeting: document, action: item, history: history, status: status,
                        isOverdue: status != .complete && isPast(item.due, asAt)))
                }
            default:
                break
            }
        }
        var trackers = Trackers(recommendations: recommendations, actions: actions, asAt: asAt)
        trackers.byResponse = Dictionary(grouping: recommendations, by: \.response.path)
        trackers.byMeeting = Dictionary(grouping: actions, by: \.meeting.path)
        return trackers
    }

    /// Whether `due` is known and before `asAt`.
    private static func isPast(_ due: Day?, _ asAt: Day?) -> Bool {
        guard let due, let asAt else { return false }
        return due < asAt
    }

    /// Updates in date order; the same day in path order, so the result is stable.
    private static func ordered(_ entries: [StatusEntry]) -> [StatusEntry] {
        entries.sorted { ($0.date, $0.sourcePath) < ($1.date, $1.sourcePath) }
    }

    private static func check<S: YAMLEnum>(
        _ update: StatusUpdate, as: S.Type, in document: Document, _ diagnostics: inout DiagnosticBag
    ) -> Bool {
        guard S(rawValue: update.status) == nil else { return true }
        let names = S.allCases.map(\.rawValue)
        diagnostics.error(document.path, update.statusPosition,
            "'\(update.status)' is not \(S.description); expected one of: \(names.joined(separator: ", "))",
            note: Suggestion.note(for: update.status, in: names))
        return false
    }
}

