/// Recommendations and actions across every document, each with its status
/// history: the status the document itself gives, then every later
/// document's update, in date order. Nothing is overwritten.
public struct Trackers: Sendable {
    /// One step of a status history: what a document said, and when.
    public struct StatusEntry: Sendable, Codable, Equatable {
        public var status: String
        public var date: Day
        /// The document that says so: its file, title and site path, kept
        /// here so a page can name it without the rest of the site at hand.
        public var sourcePath: String
        public var sourceTitle: String
        public var sourceSitePath: String
        public var note: String?

        init(status: String, date: Day, source: Document, note: String?) {
            self.status = status
            self.date = date
            sourcePath = source.path
            sourceTitle = source.title
            sourceSitePath = SiteGraph.path(of: source)
            self.note = note
        }
    }

    /// What later documents say of earlier ones: each update by the item it
    /// updates (`"<path>#<number>"` for a recommendation, `"<path>#<id>"`
    /// for an action), and the date the statuses are as at. Made from every
    /// document's front matter, so unchanged while no document's face changes.
    public struct Updates: Sendable, Codable, Equatable {
        public var recommendations: [String: [StatusEntry]] = [:]
        public var actions: [String: [StatusEntry]] = [:]
        public var asAt: Day?

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
    /// The updates the statuses were made from.
    public private(set) var updates = Updates()
    /// The date the statuses are as at: the newest publication or update, so
    /// "overdue" never depends on the day the site happens to be built.
    public var asAt: Day?

    /// Gathers the trackers from `documents` (the published ones) and checks
    /// every status update, reporting bad ones where they are written.
    static func build(_ documents: [Document], diagnostics: inout DiagnosticBag) -> Trackers {
        let live = documents.filter { $0.metadata != nil && $0.metadata?.status != .withdrawn }
        return of(live, updates: gather(live, diagnostics: &diagnostics))
    }

    /// The trackers of `documents` alone, from the updates the whole site
    /// gave them (see `Updates`): what a quick build, which decodes only
    /// those documents, shows on their pages.
    static func of(_ documents: [Document], updates: Updates) -> Trackers {
        var trackers = Trackers(recommendations: [], actions: [], asAt: updates.asAt)
        for document in documents where document.metadata != nil && document.metadata?.status != .withdrawn {
            let (recommendations, actions) = items(of: document, updates: updates)
            trackers.recommendations += recommendations
            trackers.actions += actions
        }
        trackers.updates = updates
        trackers.byResponse = Dictionary(grouping: trackers.recommendations, by: \.response.path)
        trackers.byMeeting = Dictionary(grouping: trackers.actions, by: \.meeting.path)
        return trackers
    }

    /// Every status update of `live`, checked, by the item it updates.
    private static func gather(_ live: [Document], diagnostics: inout DiagnosticBag) -> Updates {
        let index = DocumentIndex(live.map { ($0.path, SiteGraph.path(of: $0)) })
        let bySitePath = Dictionary(live.map { (SiteGraph.path(of: $0), $0) }, uniquingKeysWith: { a, _ in a })

        var updates = Updates()
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
                let entry = StatusEntry(status: update.status, date: metadata.date, source: document, note: update.note)
                switch (update.target, target.content) {
                case let (.recommendation(number), .response(response)):
                    guard response.recommendations.contains(where: { $0.number == number }) else {
                        diagnostics.error(document.path, update.position, "\(target.title) has no recommendation \(number)",
                            note: "it has recommendations \(response.recommendations.map { String($0.number) }.joined(separator: ", "))")
                        continue
                    }
                    guard check(update, as: InspectionRecommendation.Status.self, in: document, &diagnostics) else { continue }
                    updates.recommendations["\(target.path)#\(number)", default: []].append(entry)
                case let (.action(id), .meeting(meeting)):
                    guard meeting.actions.contains(where: { $0.id == id }) else {
                        diagnostics.error(document.path, update.position, "\(target.title) has no action '\(id)'",
                            note: Suggestion.note(for: id, in: meeting.actions.map(\.id))
                                ?? "its actions are: \(meeting.actions.map(\.id).joined(separator: ", "))")
                        continue
                    }
                    guard check(update, as: MeetingAction.Status.self, in: document, &diagnostics) else { continue }
                    updates.actions["\(target.path)#\(id)", default: []].append(entry)
                case (.recommendation, _):
                    diagnostics.error(document.path, update.position, "\(target.title) is not an inspection response, so it has no recommendations")
                case (.action, _):
                    diagnostics.error(document.path, update.position, "\(target.title) is not a meeting, so it has no actions")
                }
            }
        }
        updates.asAt = live.flatMap { document in
            [document.metadata!.lastUpdated, document.metadata!.date]
        }.max()
        return updates
    }

    /// `document`'s recommendations or actions, each with its status history:
    /// its own status, then `updates` of it in date order.
    private static func items(of document: Document, updates: Updates) -> ([Recommendation], [Action]) {
        let date = document.metadata!.date
        let asAt = updates.asAt
        switch document.content {
        case let .response(response):
            return (response.recommendations.map { item in
                let history = [StatusEntry(status: item.status.rawValue, date: date, source: document, note: nil)]
                    + ordered(updates.recommendations["\(document.path)#\(item.number)"] ?? [])
                let status = InspectionRecommendation.Status(rawValue: history.last!.status) ?? item.status
                let due = response.reportPublished.map { item.timescale.due(from: $0) }
                return Recommendation(
                    response: document, number: item.number, text: item.text, timescale: item.timescale, due: due,
                    history: history, status: status,
                    isOverdue: status != .complete && isPast(due, asAt))
            }, [])
        case let .meeting(meeting):
            return ([], meeting.actions.map { item in
                let history = [StatusEntry(status: item.status.rawValue, date: date, source: document, note: nil)]
                    + ordered(updates.actions["\(document.path)#\(item.id)"] ?? [])
                let status = MeetingAction.Status(rawValue: history.last!.status) ?? item.status
                return Action(
                    meeting: document, action: item, history: history, status: status,
                    isOverdue: status != .complete && isPast(item.due, asAt))
            })
        default:
            return ([], [])
        }
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

