/// `document.json` written as `JSONEncoder` writes `DocumentData` (sorted
/// keys, pretty printed, slashes as they are; nil fields left out), straight
/// into bytes: the encoder was about a third of the data step of a
/// 10,000-document build. A test holds the two to the same bytes.
extension DocumentData {
    func json() -> [UInt8] {
        var out = PrettyJSONWriter(capacity: 4096)
        out.object { out in
            out.member("category", category)
            out.member("date", date)
            out.key("details")
            details.write(to: &out)
            out.key("figures")
            out.array(figures) { out, figure in figure.write(to: &out) }
            out.member("kind", kind)
            out.member("lastUpdated", lastUpdated)
            if let organisation {
                out.key("organisation")
                out.object { out in
                    out.member("id", organisation.id)
                    out.member("name", organisation.name)
                }
            }
            out.member("published", published)
            out.member("slug", slug)
            out.member("status", status)
            out.member("summary", summary)
            out.member("title", title)
            out.member("topics", topics)
            out.member("url", url)
            out.member("version", version)
            out.key("versions")
            out.array(versions) { out, version in
                out.object { out in
                    out.member("current", version.current)
                    out.member("note", version.note)
                    out.member("number", version.number)
                    out.member("published", version.published)
                    out.member("url", version.url)
                }
            }
            out.member("withdrawnReason", withdrawnReason)
        }
        return out.bytes
    }
}

extension DocumentData.Person {
    fileprivate func write(to out: inout PrettyJSONWriter) {
        out.object { out in
            out.member("name", name)
            out.member("role", role)
        }
    }
}

extension PrettyJSONWriter {
    fileprivate mutating func member(_ name: StaticString, _ person: DocumentData.Person?) {
        guard let person else { return }
        key(name)
        person.write(to: &self)
    }

    fileprivate mutating func member<Element>(
        _ name: StaticString, _ elements: [Element]?, _ element: (inout PrettyJSONWriter, Element) -> Void
    ) {
        guard let elements else { return }
        key(name)
        array(elements, element)
    }
}

extension DocumentData.FigureData {
    fileprivate func write(to out: inout PrettyJSONWriter) {
        out.object { out in
            out.member("category", category)
            out.member("metric", metric)
            out.member("note", note)
            out.member("organisation", organisation)
            out.member("period", period)
            out.member("periodLabel", periodLabel)
            out.member("value", value)
        }
    }
}

extension DocumentData.Details {
    fileprivate func write(to out: inout PrettyJSONWriter) {
        out.object { out in
            out.member("actions", actions) { out, action in
                out.object { out in
                    out.member("action", action.action)
                    out.member("due", action.due)
                    out.member("id", action.id)
                    out.member("owner", action.owner)
                    out.member("status", action.status)
                }
            }
            out.member("addressee", addressee)
            out.member("agendaItem", agendaItem)
            out.member("attendees", attendees) { out, person in person.write(to: &out) }
            out.member("board", board)
            out.member("boardRecommendations", boardRecommendations)
            out.member("chair", chair)
            out.member("checklist", checklist) { out, item in
                out.object { out in
                    out.member("answer", item.answer)
                    out.member("comment", item.comment)
                    out.member("question", item.question)
                }
            }
            out.member("contactOfficer", contactOfficer)
            out.member("copiedTo", copiedTo)
            out.member("fieldworkEnd", fieldworkEnd)
            out.member("fieldworkStart", fieldworkStart)
            out.member("financialImplications", financialImplications)
            out.member("inspection", inspection)
            out.member("inspectorate", inspectorate)
            out.member("noteTaker", noteTaker)
            out.member("originator", originator)
            out.member("paperNumber", paperNumber)
            out.member("protectiveMarking", protectiveMarking)
            out.member("purpose", purpose)
            out.member("questions", questions) { out, question in
                out.object { out in
                    out.member("number", question.number)
                    out.member("postMeetingInformation", question.postMeetingInformation)
                    out.member("question", question.question)
                    out.member("url", question.url)
                }
            }
            out.member("recommendations", recommendations) { out, item in
                out.object { out in
                    out.member("due", item.due)
                    out.member("hasResponse", item.hasResponse)
                    out.member("number", item.number)
                    out.member("status", item.status)
                    out.member("text", item.text)
                    out.member("timescale", item.timescale)
                }
            }
            out.member("reportPublished", reportPublished)
            out.member("responseDeadline", responseDeadline)
            out.member("signedBy", signedBy)
            out.member("subject", subject)
            out.member("venue", venue)
            out.member("verdict", verdict)
        }
    }
}

/// `data/documents.json` written as `JSONEncoder` writes `Catalogue` (the
/// same layout as `document.json`): the encoder took 80 ms on one core for
/// 10,000 documents, each time a title or date changed anywhere. A test
/// holds the two to the same bytes.
extension OpenData.Catalogue {
    func json() -> [UInt8] {
        var out = PrettyJSONWriter(capacity: 256 * documents.count + 256)
        out.object { out in
            out.key("documents")
            out.array(documents) { out, entry in
                out.object { out in
                    out.member("data", entry.data)
                    out.member("date", entry.date)
                    out.member("kind", entry.kind)
                    out.member("organisation", entry.organisation)
                    out.member("status", entry.status)
                    out.member("title", entry.title)
                    out.member("topics", entry.topics)
                    out.member("url", entry.url)
                    out.member("version", entry.version)
                }
            }
            out.member("licence", licence)
            out.member("licenceURL", licenceURL)
            out.member("title", title)
        }
        return out.bytes
    }
}
