/// Field lists for the kind, history and tracker contexts (see
/// `MustacheFields`): reflecting them was a third of preparing the pages of
/// an incremental build, most of it on the tracker pages' 20,000 rows.

extension FilterLink: MustacheFields {
    var mustacheFields: [(String, Any)] { [("label", label), ("href", href), ("current", current), ("count", count)] }
}

extension StatusSource: MustacheFields {
    var mustacheFields: [(String, Any)] { [("title", title), ("href", href), ("date", date), ("note", note as Any)] }
}

extension RecommendationsContext: MustacheFields {
    var mustacheFields: [(String, Any)] {
        [
            ("layout", layout), ("title", title), ("heading", heading), ("asAt", asAt as Any),
            ("statusFilters", statusFilters), ("organisationFilters", organisationFilters), ("rows", rows),
            ("countLabel", countLabel), ("dueUnknownCount", dueUnknownCount),
        ]
    }
}

extension RecommendationsContext.Row: MustacheFields {
    var mustacheFields: [(String, Any)] {
        [
            ("number", number), ("text", text), ("href", href), ("responseTitle", responseTitle),
            ("organisation", organisation), ("timescale", timescale), ("due", due as Any), ("status", status),
            ("statusClass", statusClass), ("overdue", overdue), ("source", source), ("asPublished", asPublished),
            ("updates", updates),
        ]
    }
}

extension ActionsContext: MustacheFields {
    var mustacheFields: [(String, Any)] {
        [
            ("layout", layout), ("title", title), ("asAt", asAt as Any), ("rows", rows), ("countLabel", countLabel),
        ]
    }
}

extension ActionsContext.Row: MustacheFields {
    var mustacheFields: [(String, Any)] {
        [
            ("id", id), ("action", action), ("owner", owner), ("due", due as Any), ("status", status),
            ("overdue", overdue), ("meetingTitle", meetingTitle), ("meetingHref", meetingHref),
            ("verdict", verdict as Any), ("source", source),
        ]
    }
}

extension PublicationSchemeContext: MustacheFields {
    var mustacheFields: [(String, Any)] {
        [
            ("layout", layout), ("title", title), ("categories", categories), ("gaps", gaps),
            ("coveredLabel", coveredLabel),
        ]
    }
}

extension PublicationSchemeContext.Category: MustacheFields {
    var mustacheFields: [(String, Any)] {
        [
            ("id", id), ("title", title), ("summary", summary), ("items", items), ("isGap", isGap),
        ]
    }
}

extension MeetingContext: MustacheFields {
    var mustacheFields: [(String, Any)] {
        [
            ("document", document), ("chair", chair), ("noteTaker", noteTaker as Any), ("venue", venue),
            ("attendees", attendees), ("purpose", purpose), ("verdict", verdict as Any),
            ("introductionHTML", introductionHTML), ("questions", questions), ("actions", actions),
        ]
    }
}

extension MeetingContext.Question: MustacheFields {
    var mustacheFields: [(String, Any)] {
        [
            ("number", number), ("anchor", anchor), ("question", question), ("answerHTML", answerHTML),
            ("postMeeting", postMeeting),
        ]
    }
}

extension MeetingContext.Action: MustacheFields {
    var mustacheFields: [(String, Any)] {
        [
            ("id", id), ("action", action), ("owner", owner), ("due", due as Any), ("status", status),
            ("updatedBy", updatedBy as Any),
        ]
    }
}

extension ReportContext: MustacheFields {
    var mustacheFields: [(String, Any)] {
        [
            ("document", document), ("board", board), ("paperNumber", paperNumber as Any),
            ("agendaItem", agendaItem as Any), ("originator", originator), ("subject", subject as Any),
            ("protectiveMarking", protectiveMarking as Any), ("recommendations", recommendations),
            ("financialImplications", financialImplications as Any), ("contactOfficer", contactOfficer as Any),
            ("checklist", checklist),
        ]
    }
}

extension ReportContext.ChecklistRow: MustacheFields {
    var mustacheFields: [(String, Any)] { [("question", question), ("answer", answer), ("comment", comment as Any)] }
}

extension ResponseContext: MustacheFields {
    var mustacheFields: [(String, Any)] {
        [
            ("document", document), ("inspectorate", inspectorate), ("inspection", inspection),
            ("fieldworkStart", fieldworkStart as Any), ("fieldworkEnd", fieldworkEnd as Any),
            ("reportPublished", reportPublished as Any), ("responseDeadline", responseDeadline as Any),
            ("onTime", onTime as Any), ("addressee", addressee), ("signedBy", signedBy), ("copiedTo", copiedTo),
            ("letterHTML", letterHTML), ("closingHTML", closingHTML), ("recommendations", recommendations),
            ("recommendationCount", recommendationCount),
        ]
    }
}

extension ResponseContext.Recommendation: MustacheFields {
    var mustacheFields: [(String, Any)] {
        [
            ("number", number), ("anchor", anchor), ("text", text), ("timescale", timescale), ("status", status),
            ("responseHTML", responseHTML as Any), ("furtherWorkHTML", furtherWorkHTML as Any),
            ("hasResponse", hasResponse), ("due", due as Any), ("overdue", overdue), ("updates", updates),
        ]
    }
}

extension PageContext: MustacheFields {
    var mustacheFields: [(String, Any)] { [("document", document), ("updated", updated as Any)] }
}

extension HistoryContext: MustacheFields {
    var mustacheFields: [(String, Any)] {
        [
            ("layout", layout), ("title", title), ("documentTitle", documentTitle), ("documentHref", documentHref),
            ("kindLabel", kindLabel), ("kindPlural", kindPlural), ("kindHref", kindHref),
            ("currentNumber", currentNumber), ("versions", versions),
        ]
    }
}

extension HistoryContext.Version: MustacheFields {
    var mustacheFields: [(String, Any)] {
        [
            ("number", number), ("href", href), ("isCurrent", isCurrent), ("publishedOn", publishedOn),
            ("note", note as Any), ("changesHTML", changesHTML as Any),
        ]
    }
}

extension RedirectContext: MustacheFields {
    var mustacheFields: [(String, Any)] {
        [
            ("layout", layout), ("title", title), ("targetHref", targetHref), ("targetURL", targetURL),
        ]
    }
}

extension PersonContext: MustacheFields {
    var mustacheFields: [(String, Any)] { [("name", name), ("role", role)] }
}
