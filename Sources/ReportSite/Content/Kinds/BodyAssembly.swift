/// Turns a rendered body into each kind's typed items: a meeting's
/// questions, a paper's numbered sections, a response's recommendations.
extension AssuranceMeeting {
    /// Each level-2 heading is a question; what follows it is the answer.
    mutating func assemble(_ body: RenderedMarkdown, file: String, into diagnostics: inout DiagnosticBag) {
        questions = []
        introduction = BodyPart()
        for (block, range) in body.blocksWithRanges {
            if let heading = block.heading, heading.level == 2 {
                questions.append(MeetingQuestion(
                    number: questions.count + 1, question: heading.text, answer: BodyPart(),
                    hasPostMeetingInformation: false))
            } else if !questions.isEmpty {
                questions[questions.count - 1].answer.append(range)
                if block.callout == .postMeeting { questions[questions.count - 1].hasPostMeetingInformation = true }
            } else {
                introduction.append(range)
            }
        }
        if questions.isEmpty {
            diagnostics.warning(file, body.blocks.first?.position, "these meeting notes have no questions",
                note: "write each question as a level-2 heading ('## What is …?') followed by the answer")
        }
    }
}

extension BoardReport {
    mutating func assemble(_ body: RenderedMarkdown) {
        var found: [NumberedSection] = []
        for heading in body.headings where heading.id.hasPrefix("section-") {
            if let (number, rest) = HeadingSlug.sectionNumber(in: heading.text, requireSubsection: false) {
                found.append(NumberedSection(number: number, title: String(rest)))
            }
        }
        for paragraph in body.numberedParagraphs {
            found.append(NumberedSection(number: paragraph.number, title: nil))
        }
        sections = found
    }
}

extension InspectionResponse {
    /// `## Recommendation N` starts a recommendation's response; `### Further
    /// work` inside it starts the further work; any other level-2 heading ends it.
    mutating func assemble(_ body: RenderedMarkdown, file: String, into diagnostics: inout DiagnosticBag) {
        letter = BodyPart()
        closing = BodyPart()
        var current: Int?  // index into recommendations
        var inFurtherWork = false
        var seenResponse = false
        var answered: Set<Int> = []

        for (block, range) in body.blocksWithRanges {
            if let heading = block.heading, heading.level == 2 {
                inFurtherWork = false
                if let number = InspectionResponse.recommendationNumber(heading.text) {
                    seenResponse = true
                    if let index = recommendations.firstIndex(where: { $0.number == number }) {
                        if !answered.insert(number).inserted {
                            diagnostics.error(file, heading.position, "recommendation \(number) has two response sections")
                        }
                        current = index
                        continue
                    }
                    diagnostics.error(file, heading.position,
                        "'\(heading.text)' answers a recommendation that is not in the front matter",
                        note: "add it under 'recommendations:' with its number, text and timescale")
                    current = nil
                    continue
                }
                current = nil
            }
            if let index = current {
                if let heading = block.heading, heading.level == 3, heading.text.lowercased() == "further work" {
                    inFurtherWork = true
                    continue
                }
                if inFurtherWork {
                    recommendations[index].furtherWork = recommendations[index].furtherWork ?? BodyPart()
                    recommendations[index].furtherWork?.append(range)
                } else {
                    recommendations[index].response = recommendations[index].response ?? BodyPart()
                    recommendations[index].response?.append(range)
                }
            } else if seenResponse {
                closing.append(range)
            } else {
                letter.append(range)
            }
        }
        for recommendation in recommendations where !answered.contains(recommendation.number) {
            diagnostics.warning(file, recommendation.position, "recommendation \(recommendation.number) has no response",
                note: "the Police Act 1996 s55(5B) requires a response to every recommendation; add a '## Recommendation \(recommendation.number)' section")
        }
    }

    /// "Recommendation 3" → 3.
    static func recommendationNumber(_ heading: String) -> Int? {
        let words = heading.split(separator: " ")
        guard words.count == 2, words[0].lowercased() == "recommendation" else { return nil }
        return Int(words[1])
    }
}
