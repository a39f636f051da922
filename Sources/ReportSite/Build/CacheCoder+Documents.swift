import Foundation

// MARK: - Field lists for the document and what it holds
//
// The rest of a cache entry, as field lists too (see `CacheFields`): once
// the small types were lists, the keyed containers of the document, its
// metadata and its kind, and above all the arrays they hold (each decoded
// through `Array`'s generic `Decodable` conformance, which looks up its
// types at run time), were most of decoding an entry. In declaration order.

extension DecodeCache.Entry: CacheFields {
    /// The key comes first: `storedKey` reads it without the rest.
    init(cacheFields fields: inout FieldReader) throws {
        key = try fields.string()
        links = try fields.list()
        document = try fields.optional()
        bodyOffset = try fields.optional()
        diagnostics = try fields.list()
    }

    func write(cacheFields fields: FieldWriter) throws {
        fields.string(key)
        try fields.list(links)
        try fields.optional(document)
        try fields.optional(bodyOffset)
        try fields.list(diagnostics)
    }
}

extension Document: CacheFields {
    /// The fields of `Document.Fields`, in one list.
    init(cacheFields fields: inout FieldReader) throws {
        self.init(fields: try Fields(
            path: fields.string(), kind: fields.raw(), slug: fields.string(), metadata: fields.optional(),
            content: fields.value(), body: fields.value(), headings: fields.list(), links: fields.list(),
            markdown: fields.string(), charts: fields.list(), versions: fields.list(), revision: fields.optional(),
            face: fields.string()))
    }

    func write(cacheFields fields: FieldWriter) throws {
        let stored = self.fields
        fields.string(stored.path)
        fields.raw(stored.kind)
        fields.string(stored.slug)
        try fields.optional(stored.metadata)
        try fields.value(stored.content)
        try fields.value(stored.body)
        try fields.list(stored.headings)
        try fields.list(stored.links)
        fields.string(stored.markdown)
        try fields.list(stored.charts)
        try fields.list(stored.versions)
        try fields.optional(stored.revision)
        fields.string(stored.face)
    }
}

extension Document.Content: CacheFields {
    init(cacheFields fields: inout FieldReader) throws {
        switch try fields.int() {
        case 0: self = .meeting(try fields.value())
        case 1: self = .report(try fields.value())
        case 2: self = .response(try fields.value())
        case 3: self = .page(try fields.value())
        default: throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "no such document content"))
        }
    }

    func write(cacheFields fields: FieldWriter) throws {
        switch self {
        case let .meeting(meeting):
            fields.int(0)
            try fields.value(meeting)
        case let .report(report):
            fields.int(1)
            try fields.value(report)
        case let .response(response):
            fields.int(2)
            try fields.value(response)
        case let .page(page):
            fields.int(3)
            try fields.value(page)
        }
    }
}

extension DocumentBody: CacheFields {
    /// As `init(from:)`: decoded from a cache entry file, the HTML is left where it lies.
    init(cacheFields fields: inout FieldReader) throws {
        if let path = DecodeCache.entryFile {
            self.init(inEntry: path, try fields.stringExtent(), digest: try fields.string(), hasChart: try fields.bool())
        } else {
            self.init(held: TrustedHTML(try fields.string()), digest: try fields.string(), hasChart: try fields.bool())
        }
    }

    func write(cacheFields fields: FieldWriter) {
        fields.string(html.html)
        fields.string(digest)
        fields.bool(hasChart)
    }
}

extension FrozenVersion: CacheFields {
    init(cacheFields fields: inout FieldReader) throws {
        self.init(number: try fields.int(), document: try fields.value(), supersededOn: try fields.value(), note: try fields.string())
    }

    func write(cacheFields fields: FieldWriter) throws {
        fields.int(number)
        try fields.value(document)
        try fields.value(supersededOn)
        fields.string(note)
    }
}

extension CommonMetadata: CacheFields {
    init(cacheFields fields: inout FieldReader) throws {
        title = try fields.string()
        date = try fields.value()
        organisation = try fields.string()
        organisationPosition = try fields.optional()
        summary = try fields.string()
        topics = try fields.list()
        category = try fields.optionalRaw()
        status = try fields.raw()
        withdrawnReason = try fields.optional()
        published = try fields.value()
        publishedPosition = try fields.optional()
        changes = try fields.list()
        changesPosition = try fields.optional()
        updates = try fields.list()
        figures = try fields.list()
        movedFrom = try fields.list()
    }

    func write(cacheFields fields: FieldWriter) throws {
        fields.string(title)
        try fields.value(date)
        fields.string(organisation)
        try fields.optional(organisationPosition)
        fields.string(summary)
        try fields.list(topics)
        fields.optionalRaw(category)
        fields.raw(status)
        try fields.optional(withdrawnReason)
        try fields.value(published)
        try fields.optional(publishedPosition)
        try fields.list(changes)
        try fields.optional(changesPosition)
        try fields.list(updates)
        try fields.list(figures)
        try fields.list(movedFrom)
    }
}

extension ChangeNote: CacheFields {
    init(cacheFields fields: inout FieldReader) throws {
        self.init(date: try fields.value(), note: try fields.string())
    }

    func write(cacheFields fields: FieldWriter) throws {
        try fields.value(date)
        fields.string(note)
    }
}

extension MovedFrom: CacheFields {
    init(cacheFields fields: inout FieldReader) throws {
        sitePath = try fields.string()
        position = try fields.optional()
    }

    func write(cacheFields fields: FieldWriter) throws {
        fields.string(sitePath)
        try fields.optional(position)
    }
}

extension StatusUpdate: CacheFields {
    init(cacheFields fields: inout FieldReader) throws {
        document = try fields.string()
        target = try fields.value()
        status = try fields.string()
        note = try fields.optional()
        position = try fields.optional()
        statusPosition = try fields.optional()
    }

    func write(cacheFields fields: FieldWriter) throws {
        fields.string(document)
        try fields.value(target)
        fields.string(status)
        try fields.optional(note)
        try fields.optional(position)
        try fields.optional(statusPosition)
    }
}

extension StatusUpdate.Target: CacheFields {
    init(cacheFields fields: inout FieldReader) throws {
        switch try fields.int() {
        case 0: self = .recommendation(try fields.int())
        case 1: self = .action(try fields.string())
        default: throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "no such update target"))
        }
    }

    func write(cacheFields fields: FieldWriter) {
        switch self {
        case let .recommendation(number):
            fields.int(0)
            fields.int(number)
        case let .action(id):
            fields.int(1)
            fields.string(id)
        }
    }
}

extension Figure: CacheFields {
    init(cacheFields fields: inout FieldReader) throws {
        metric = try fields.string()
        period = try fields.value()
        value = try fields.double()
        organisation = try fields.optional()
        category = try fields.optional()
        unit = try fields.optional()
        note = try fields.optional()
        position = try fields.optional()
        metricPosition = try fields.optional()
    }

    func write(cacheFields fields: FieldWriter) throws {
        fields.string(metric)
        try fields.value(period)
        fields.double(value)
        try fields.optional(organisation)
        try fields.optional(category)
        try fields.optional(unit)
        try fields.optional(note)
        try fields.optional(position)
        try fields.optional(metricPosition)
    }
}

extension Period: CacheFields {
    init(cacheFields fields: inout FieldReader) throws {
        switch try fields.int() {
        case 0: self = .day(try fields.value())
        case 1: self = .months(from: try fields.value(), to: try fields.value())
        case 2: self = .financialYear(try fields.int())
        case 3: self = .year(try fields.int())
        default: throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "no such period"))
        }
    }

    func write(cacheFields fields: FieldWriter) throws {
        switch self {
        case let .day(day):
            fields.int(0)
            try fields.value(day)
        case let .months(from, to):
            fields.int(1)
            try fields.value(from)
            try fields.value(to)
        case let .financialYear(start):
            fields.int(2)
            fields.int(start)
        case let .year(year):
            fields.int(3)
            fields.int(year)
        }
    }
}

extension Period.Month: CacheFields {
    init(cacheFields fields: inout FieldReader) throws {
        year = try fields.int()
        month = try fields.int()
    }

    func write(cacheFields fields: FieldWriter) {
        fields.int(year)
        fields.int(month)
    }
}

// MARK: - The kinds

extension AssuranceMeeting: CacheFields {
    init(cacheFields fields: inout FieldReader) throws {
        chair = try fields.value()
        noteTaker = try fields.optional()
        venue = try fields.string()
        attendees = try fields.list()
        purpose = try fields.string()
        verdict = try fields.optionalRaw()
        actions = try fields.list()
        introduction = try fields.value()
        questions = try fields.list()
    }

    func write(cacheFields fields: FieldWriter) throws {
        try fields.value(chair)
        try fields.optional(noteTaker)
        fields.string(venue)
        try fields.list(attendees)
        fields.string(purpose)
        fields.optionalRaw(verdict)
        try fields.list(actions)
        try fields.value(introduction)
        try fields.list(questions)
    }
}

extension MeetingAction: CacheFields {
    init(cacheFields fields: inout FieldReader) throws {
        id = try fields.string()
        action = try fields.string()
        owner = try fields.string()
        due = try fields.optional()
        status = try fields.raw()
    }

    func write(cacheFields fields: FieldWriter) throws {
        fields.string(id)
        fields.string(action)
        fields.string(owner)
        try fields.optional(due)
        fields.raw(status)
    }
}

extension BoardReport: CacheFields {
    init(cacheFields fields: inout FieldReader) throws {
        board = try fields.string()
        paperNumber = try fields.optional()
        agendaItem = try fields.optional()
        originator = try fields.string()
        subject = try fields.optional()
        protectiveMarking = try fields.optionalRaw()
        recommendations = try fields.list()
        financialImplications = try fields.optional()
        contactOfficer = try fields.optional()
        checklist = try fields.list()
        sections = try fields.list()
    }

    func write(cacheFields fields: FieldWriter) throws {
        fields.string(board)
        try fields.optional(paperNumber)
        try fields.optional(agendaItem)
        fields.string(originator)
        try fields.optional(subject)
        fields.optionalRaw(protectiveMarking)
        try fields.list(recommendations)
        try fields.optional(financialImplications)
        try fields.optional(contactOfficer)
        try fields.list(checklist)
        try fields.list(sections)
    }
}

extension ChecklistAnswer: CacheFields {
    init(cacheFields fields: inout FieldReader) throws {
        question = try fields.string()
        answer = try fields.raw()
        comment = try fields.optional()
    }

    func write(cacheFields fields: FieldWriter) throws {
        fields.string(question)
        fields.raw(answer)
        try fields.optional(comment)
    }
}

extension InspectionResponse: CacheFields {
    init(cacheFields fields: inout FieldReader) throws {
        inspectorate = try fields.string()
        inspection = try fields.string()
        fieldwork = try fields.optional()
        reportPublished = try fields.optional()
        addressee = try fields.value()
        signedBy = try fields.value()
        copiedTo = try fields.list()
        recommendations = try fields.list()
        inspectionPosition = try fields.optional()
        letter = try fields.value()
        closing = try fields.value()
    }

    func write(cacheFields fields: FieldWriter) throws {
        fields.string(inspectorate)
        fields.string(inspection)
        try fields.optional(fieldwork)
        try fields.optional(reportPublished)
        try fields.value(addressee)
        try fields.value(signedBy)
        try fields.list(copiedTo)
        try fields.list(recommendations)
        try fields.optional(inspectionPosition)
        try fields.value(letter)
        try fields.value(closing)
    }
}

extension DateRange: CacheFields {
    init(cacheFields fields: inout FieldReader) throws {
        start = try fields.value()
        end = try fields.value()
    }

    func write(cacheFields fields: FieldWriter) throws {
        try fields.value(start)
        try fields.value(end)
    }
}

extension Page: CacheFields {
    init(cacheFields fields: inout FieldReader) throws {
        title = try fields.string()
        summary = try fields.optional()
        updated = try fields.optional()
        category = try fields.optionalRaw()
    }

    func write(cacheFields fields: FieldWriter) throws {
        fields.string(title)
        try fields.optional(summary)
        try fields.optional(updated)
        fields.optionalRaw(category)
    }
}

// MARK: - What rendering found

extension ChartBlock: CacheFields {
    init(cacheFields fields: inout FieldReader) throws {
        metric = try fields.string()
        type = try fields.optional()
        organisations = try fields.list()
        from = try fields.optional()
        to = try fields.optional()
        position = try fields.value()
    }

    func write(cacheFields fields: FieldWriter) throws {
        fields.string(metric)
        try fields.optional(type)
        try fields.list(organisations)
        try fields.optional(from)
        try fields.optional(to)
        try fields.value(position)
    }
}

extension Diagnostic: CacheFields {
    init(cacheFields fields: inout FieldReader) throws {
        self.init(
            try fields.raw(), file: try fields.string(), at: try fields.optional(), try fields.string(), note: try fields.optional())
    }

    func write(cacheFields fields: FieldWriter) throws {
        fields.raw(severity)
        fields.string(file)
        try fields.optional(position)
        fields.string(message)
        try fields.optional(note)
    }
}
