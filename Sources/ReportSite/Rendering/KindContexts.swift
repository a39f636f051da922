/// The meeting page: who met, where, and each question with its answer.
struct MeetingContext {
    struct Question {
        let number: Int
        let anchor: String
        let question: String
        let answerHTML: BodyHTML
        let postMeeting: Bool
    }

    struct Action {
        let id: String
        let action: String
        let owner: String
        let due: DateContext?
        let status: String
        /// Set when a later document changed the status.
        let updatedBy: StatusSource?
    }

    let document: DocumentContext
    let chair: PersonContext
    let noteTaker: PersonContext?
    let venue: String
    let attendees: [PersonContext]
    let purpose: String
    let verdict: String?
    let introductionHTML: BodyHTML
    let questions: [Question]
    let actions: [Action]

    /// `tracked` gives the actions' latest statuses (from later documents);
    /// empty on a superseded version, which shows the statuses as they were.
    init(_ meeting: AssuranceMeeting, document: DocumentContext, tracked: [Trackers.Action] = [], graph: SiteGraph? = nil) {
        self.document = document
        chair = PersonContext(meeting.chair)
        noteTaker = meeting.noteTaker.map(PersonContext.init)
        venue = meeting.venue
        attendees = meeting.attendees.map(PersonContext.init)
        purpose = meeting.purpose
        verdict = meeting.verdict?.label
        introductionHTML = document.body.part(meeting.introduction)
        questions = meeting.questions.map {
            Question(number: $0.number, anchor: $0.anchor, question: $0.question, answerHTML: document.body.part($0.answer),
                postMeeting: $0.hasPostMeetingInformation)
        }
        actions = meeting.actions.map { action in
            let latest = tracked.first { $0.action.id == action.id }
            let status = latest?.status ?? action.status
            let updated = latest.flatMap { $0.history.count > 1 ? $0.history.last : nil }
            return Action(id: action.id, action: action.action, owner: action.owner, due: action.due.map(DateContext.init),
                status: status.rawValue.replacing("-", with: " ").capitalizedFirst,
                updatedBy: graph.flatMap { graph in updated.map { StatusSource($0, graph: graph) } })
        }
    }
}

/// The board paper page: the paper's particulars, then its numbered sections.
struct ReportContext {
    struct ChecklistRow {
        let question: String
        let answer: String
        let comment: String?
    }

    let document: DocumentContext
    let board: String
    let paperNumber: String?
    let agendaItem: String?
    let originator: String
    let subject: String?
    let protectiveMarking: String?
    let recommendations: [String]
    let financialImplications: String?
    let contactOfficer: PersonContext?
    let checklist: [ChecklistRow]

    init(_ report: BoardReport, document: DocumentContext) {
        self.document = document
        board = report.board
        paperNumber = report.paperNumber
        agendaItem = report.agendaItem
        originator = report.originator
        subject = report.subject
        protectiveMarking = report.protectiveMarking?.label
        recommendations = report.recommendations
        financialImplications = report.financialImplications
        contactOfficer = report.contactOfficer.map(PersonContext.init)
        checklist = report.checklist.map {
            ChecklistRow(question: $0.question, answer: $0.answer == .yes ? "Yes" : "No", comment: $0.comment)
        }
    }
}

/// The inspection response page: the letter, the statutory deadline, and each
/// recommendation with the force's response.
struct ResponseContext {
    struct Recommendation {
        let number: Int
        let anchor: String
        let text: String
        let timescale: String
        let status: String
        let responseHTML: BodyHTML?
        let furtherWorkHTML: BodyHTML?
        let hasResponse: Bool
        let due: DateContext?
        let overdue: Bool
        /// Later documents that changed the status, oldest first.
        let updates: [StatusSource]
    }

    let document: DocumentContext
    let inspectorate: String
    let inspection: String
    let fieldworkStart: DateContext?
    let fieldworkEnd: DateContext?
    let reportPublished: DateContext?
    let responseDeadline: DateContext?
    /// Whether the response was published by the s55 deadline (nil when unknown).
    let onTime: Bool?
    let addressee: PersonContext
    let signedBy: PersonContext
    let copiedTo: [String]
    let letterHTML: BodyHTML
    let closingHTML: BodyHTML
    let recommendations: [Recommendation]
    let recommendationCount: Int

    init(
        _ response: InspectionResponse, published: Day, document: DocumentContext,
        tracked: [Trackers.Recommendation] = [], graph: SiteGraph? = nil
    ) {
        self.document = document
        inspectorate = response.inspectorate
        inspection = response.inspection
        fieldworkStart = response.fieldwork.map { DateContext($0.start) }
        fieldworkEnd = response.fieldwork.map { DateContext($0.end) }
        reportPublished = response.reportPublished.map(DateContext.init)
        responseDeadline = response.responseDeadline.map(DateContext.init)
        onTime = response.responseDeadline.map { published <= $0 }
        addressee = PersonContext(response.addressee)
        signedBy = PersonContext(response.signedBy)
        copiedTo = response.copiedTo
        letterHTML = document.body.part(response.letter)
        closingHTML = document.body.part(response.closing)
        recommendations = response.recommendations.map { item in
            let latest = tracked.first { $0.number == item.number }
            let updates = (latest?.history.dropFirst()).map(Array.init) ?? []
            return Recommendation(
                number: item.number, anchor: item.anchor, text: item.text, timescale: item.timescale.description,
                status: (latest?.status ?? item.status).label, responseHTML: item.response.map(document.body.part),
                furtherWorkHTML: item.furtherWork.map(document.body.part), hasResponse: item.response != nil,
                due: response.reportPublished.map { DateContext(item.timescale.due(from: $0)) },
                overdue: latest?.isOverdue ?? false,
                updates: graph.map { graph in updates.map { StatusSource($0, graph: graph) } } ?? [])
        }
        recommendationCount = response.recommendations.count
    }
}

struct PageContext {
    let document: DocumentContext
    let updated: DateContext?
}
