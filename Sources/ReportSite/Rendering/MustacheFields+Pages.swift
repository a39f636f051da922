/// Field lists for the kind, history and tracker contexts (see
/// `MustacheFields`): reflecting them was a third of preparing the pages of
/// an incremental build, most of it on the tracker pages' 20,000 rows.

extension FilterLink: MustacheFields {
    func visitFields(_ fields: inout FieldWalk) {
        fields.field("label", label)
        fields.field("href", href)
        fields.field("current", current)
        fields.field("count", count)
    }
}

extension StatusSource: MustacheFields {
    func visitFields(_ fields: inout FieldWalk) {
        fields.field("title", title)
        fields.field("href", href)
        fields.field("date", date)
        fields.field("note", note)
    }
}

extension RecommendationsContext: MustacheFields {
    func visitFields(_ fields: inout FieldWalk) {
        fields.field("layout", layout)
        fields.field("title", title)
        fields.field("heading", heading)
        fields.field("asAt", asAt)
        fields.field("statusFilters", statusFilters)
        fields.field("organisationFilters", organisationFilters)
        fields.field("rows", rows)
        fields.field("countLabel", countLabel)
        fields.field("dueUnknownCount", dueUnknownCount)
    }
}

extension RecommendationsContext.Row: MustacheFields {
    func visitFields(_ fields: inout FieldWalk) {
        fields.field("number", number)
        fields.field("text", text)
        fields.field("href", href)
        fields.field("responseTitle", responseTitle)
        fields.field("organisation", organisation)
        fields.field("timescale", timescale)
        fields.field("due", due)
        fields.field("status", status)
        fields.field("statusClass", statusClass)
        fields.field("overdue", overdue)
        fields.field("source", source)
        fields.field("asPublished", asPublished)
        fields.field("updates", updates)
    }
}

extension ActionsContext: MustacheFields {
    func visitFields(_ fields: inout FieldWalk) {
        fields.field("layout", layout)
        fields.field("title", title)
        fields.field("asAt", asAt)
        fields.field("rows", rows)
        fields.field("countLabel", countLabel)
    }
}

extension ActionsContext.Row: MustacheFields {
    func visitFields(_ fields: inout FieldWalk) {
        fields.field("id", id)
        fields.field("action", action)
        fields.field("owner", owner)
        fields.field("due", due)
        fields.field("status", status)
        fields.field("overdue", overdue)
        fields.field("meetingTitle", meetingTitle)
        fields.field("meetingHref", meetingHref)
        fields.field("verdict", verdict)
        fields.field("source", source)
    }
}

extension PublicationSchemeContext: MustacheFields {
    func visitFields(_ fields: inout FieldWalk) {
        fields.field("layout", layout)
        fields.field("title", title)
        fields.field("categories", categories)
        fields.field("gaps", gaps)
        fields.field("coveredLabel", coveredLabel)
    }
}

extension PublicationSchemeContext.Category: MustacheFields {
    func visitFields(_ fields: inout FieldWalk) {
        fields.field("id", id)
        fields.field("title", title)
        fields.field("summary", summary)
        fields.field("items", items)
        fields.field("isGap", isGap)
    }
}

extension MeetingContext: MustacheFields {
    func visitFields(_ fields: inout FieldWalk) {
        fields.field("document", document)
        fields.field("chair", chair)
        fields.field("noteTaker", noteTaker)
        fields.field("venue", venue)
        fields.field("attendees", attendees)
        fields.field("purpose", purpose)
        fields.field("verdict", verdict)
        fields.field("introductionHTML", introductionHTML)
        fields.field("questions", questions)
        fields.field("actions", actions)
    }
}

extension MeetingContext.Question: MustacheFields {
    func visitFields(_ fields: inout FieldWalk) {
        fields.field("number", number)
        fields.field("anchor", anchor)
        fields.field("question", question)
        fields.field("answerHTML", answerHTML)
        fields.field("postMeeting", postMeeting)
    }
}

extension MeetingContext.Action: MustacheFields {
    func visitFields(_ fields: inout FieldWalk) {
        fields.field("id", id)
        fields.field("action", action)
        fields.field("owner", owner)
        fields.field("due", due)
        fields.field("status", status)
        fields.field("updatedBy", updatedBy)
    }
}

extension ReportContext: MustacheFields {
    func visitFields(_ fields: inout FieldWalk) {
        fields.field("document", document)
        fields.field("board", board)
        fields.field("paperNumber", paperNumber)
        fields.field("agendaItem", agendaItem)
        fields.field("originator", originator)
        fields.field("subject", subject)
        fields.field("protectiveMarking", protectiveMarking)
        fields.field("recommendations", recommendations)
        fields.field("financialImplications", financialImplications)
        fields.field("contactOfficer", contactOfficer)
        fields.field("checklist", checklist)
    }
}

extension ReportContext.ChecklistRow: MustacheFields {
    func visitFields(_ fields: inout FieldWalk) {
        fields.field("question", question)
        fields.field("answer", answer)
        fields.field("comment", comment)
    }
}

extension ResponseContext: MustacheFields {
    func visitFields(_ fields: inout FieldWalk) {
        fields.field("document", document)
        fields.field("inspectorate", inspectorate)
        fields.field("inspection", inspection)
        fields.field("fieldworkStart", fieldworkStart)
        fields.field("fieldworkEnd", fieldworkEnd)
        fields.field("reportPublished", reportPublished)
        fields.field("responseDeadline", responseDeadline)
        fields.field("onTime", onTime)
        fields.field("addressee", addressee)
        fields.field("signedBy", signedBy)
        fields.field("copiedTo", copiedTo)
        fields.field("letterHTML", letterHTML)
        fields.field("closingHTML", closingHTML)
        fields.field("recommendations", recommendations)
        fields.field("recommendationCount", recommendationCount)
    }
}

extension ResponseContext.Recommendation: MustacheFields {
    func visitFields(_ fields: inout FieldWalk) {
        fields.field("number", number)
        fields.field("anchor", anchor)
        fields.field("text", text)
        fields.field("timescale", timescale)
        fields.field("status", status)
        fields.field("responseHTML", responseHTML)
        fields.field("furtherWorkHTML", furtherWorkHTML)
        fields.field("hasResponse", hasResponse)
        fields.field("due", due)
        fields.field("overdue", overdue)
        fields.field("updates", updates)
    }
}

extension PageContext: MustacheFields {
    func visitFields(_ fields: inout FieldWalk) {
        fields.field("document", document)
        fields.field("updated", updated)
    }
}

extension HistoryContext: MustacheFields {
    func visitFields(_ fields: inout FieldWalk) {
        fields.field("layout", layout)
        fields.field("title", title)
        fields.field("documentTitle", documentTitle)
        fields.field("documentHref", documentHref)
        fields.field("kindLabel", kindLabel)
        fields.field("kindPlural", kindPlural)
        fields.field("kindHref", kindHref)
        fields.field("currentNumber", currentNumber)
        fields.field("versions", versions)
    }
}

extension HistoryContext.Version: MustacheFields {
    func visitFields(_ fields: inout FieldWalk) {
        fields.field("number", number)
        fields.field("href", href)
        fields.field("isCurrent", isCurrent)
        fields.field("publishedOn", publishedOn)
        fields.field("note", note)
        fields.field("changesHTML", changesHTML)
    }
}

extension RedirectContext: MustacheFields {
    func visitFields(_ fields: inout FieldWalk) {
        fields.field("layout", layout)
        fields.field("title", title)
        fields.field("targetHref", targetHref)
        fields.field("targetURL", targetURL)
    }
}

extension PersonContext: MustacheFields {
    func visitFields(_ fields: inout FieldWalk) {
        fields.field("name", name)
        fields.field("role", role)
    }
}
