/// `reportsite new`: the text of a new document of a kind, every required
/// field stubbed and commented, as a draft so nothing half-written is published.
public enum DocumentStub {
    /// The file name for a new document: `<date>-<title as a slug>.md`.
    public static func fileName(title: String, date: Day) -> String {
        let slug = Text.slug(title)
        return "\(date.iso)-\(String(slug.prefix(60)).trimmingCharacters(in: ["-"])).md"
    }

    public static func text(kind: DocumentKind, title: String, date: Day, organisations: [String]) -> String {
        let title = quoted(title)
        if kind == .page {
            return """
                ---
                title: \(title)
                # summary: One sentence shown under the title. (optional)
                # updated: \(date.iso)  # when the page last changed (optional)
                ---

                Write the page here in Markdown.

                """
        }
        let organisation = organisations.first ?? "your-organisation"
        let common = """
            ---
            # A new \(kind.singular.lowercased()). Fill in each field, then change 'status'
            # to 'published'. Lines starting with '#' are comments; remove the '#' to use
            # an optional field. The README's "Writing content" lists every field.
            title: \(title)
            date: \(date.iso)  # the day of the \(kind == .meeting ? "meeting" : kind == .report ? "paper" : "letter") (YYYY-MM-DD)
            organisation: \(organisation)  # one of: \(organisations.joined(separator: ", "))
            summary: One or two sentences for lists and the top of the page.
            status: draft  # draft (not published), published or withdrawn
            # topics: [child protection]
            # category: decisions  # publication-scheme category

            """
        switch kind {
        case .meeting:
            return common + """
                chair: {name: Name, role: Role}
                # note_taker: {name: Name, role: Role}
                venue: Where the meeting was held
                attendees:
                  - {name: Name, role: Role}
                purpose: Why the meeting was held.
                # verdict: assured  # assured, partly-assured or not-assured
                # actions:
                #   - {id: A1, action: What will be done, owner: Who, due: \(date.iso), status: open}
                ---

                ## The first question put at the meeting?

                The answer given.

                """
        case .report:
            return common + """
                board: The board or panel the paper goes to
                # paper_number: AP00/00
                # agenda_item: "1"
                originator: Who submits the paper, e.g. Chief Constable
                # protective_marking: official  # not-protectively-marked, official or official-sensitive
                # recommendations:
                #   - The board is asked to note the report.
                # financial_implications: None.
                # contact_officer: {name: Name, role: Role}
                ---

                ## 1. Purpose

                1.1 What the paper is for.

                """
        case .response:
            return common + """
                inspectorate: HMICFRS
                inspection: The title of the inspection report
                # fieldwork: {start: \(date.iso), end: \(date.iso)}
                # report_published: \(date.iso)  # needed to show the 56-day deadline
                addressee: {name: Name, role: Home Secretary}
                signed_by: {name: Name, role: Police and Crime Commissioner}
                # copied_to: [HMICFRS]
                recommendations:
                  - number: 1
                    text: The recommendation as the inspectorate wrote it.
                    timescale: within six months  # or: immediately
                ---

                The letter.

                ## Recommendation 1

                The force's response.

                """
        case .page:
            return ""
        }
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }
}
