import Foundation
import Testing

@testable import ReportSite

/// Snippet in, exact HTML out.
@Suite struct MarkdownTests {
    @Test func rendersGFMTables() {
        #expect(html("| a | b |\n|---|--:|\n| 1 | 2 |\n") == """
            <table>
            <thead>
            <tr>
            <th scope="col">a</th>
            <th scope="col" style="text-align: right">b</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>1</td>
            <td style="text-align: right">2</td>
            </tr>
            </tbody>
            </table>

            """)
    }

    @Test func rendersStrikethroughAutolinksAndTasks() {
        #expect(html("~~old~~ new") == "<p><del>old</del> new</p>\n")
        #expect(html("See www.example.org now") == "<p>See <a href=\"http://www.example.org\">www.example.org</a> now</p>\n")
        #expect(html("- [x] done\n- [ ] to do") == """
            <ul>
            <li><input type="checkbox" checked="" disabled="" /> done</li>
            <li><input type="checkbox" disabled="" /> to do</li>
            </ul>

            """)
    }

    @Test func smartPunctuation() {
        #expect(html("The \"force's\" plan -- 2016") == "<p>The “force’s” plan – 2016</p>\n")
    }

    @Test func dropsAuthorHTMLAndSaysWhere() {
        let rendered = MarkdownRenderer.render(
            "Intro\n\n<script>alert(1)</script>\n\nText with <b>bold</b>.", file: "doc.md", firstLine: 10)
        #expect(rendered.html.html == "<p>Intro</p>\n<p>Text with bold.</p>\n")
        #expect(rendered.diagnostics.map(\.description) == [
            "doc.md:12:1: warning: HTML in Markdown is not published: '<script>alert(1)</script>' was removed",
            "doc.md:14:11: warning: HTML in Markdown is not published: '<b>' was removed",
            "doc.md:14:18: warning: HTML in Markdown is not published: '</b>' was removed",
        ])
    }

    @Test func unsafeLinksAreNeutralised() {
        #expect(html("[x](javascript:alert(1))") == "<p><a href=\"\">x</a></p>\n")
    }

    @Test func headingsGetUniqueIDs() {
        let rendered = MarkdownRenderer.render("## Force response\n\n## Force response\n\n### *Further* work", file: "d")
        #expect(rendered.html.html == """
            <h2 id="force-response">Force response</h2>
            <h2 id="force-response-2">Force response</h2>
            <h3 id="further-work"><em>Further</em> work</h3>

            """)
        #expect(rendered.headings.map(\.text) == ["Force response", "Force response", "Further work"])
    }

    @Test func numberedSectionsKeepTheirNumbersAsAnchors() {
        let options = MarkdownOptions(numberedSections: true)
        #expect(html("## 3. Force structure\n\n3.4 The team.\n\n- 3.5 A list item.", options: options) == """
            <h2 id="section-3">3. Force structure</h2>
            <p><span class="section-number" id="section-3-4">3.4</span> The team.</p>
            <ul>
            <li><span class="section-number" id="section-3-5">3.5</span> A list item.</li>
            </ul>

            """)
    }

    @Test func duplicateSectionNumbersAreErrors() {
        let rendered = MarkdownRenderer.render(
            "2.1 One.\n\n2.1 Two.", file: "r.md", firstLine: 9, options: MarkdownOptions(numberedSections: true))
        #expect(rendered.diagnostics.map(\.description) == ["r.md:11:1: error: section 2.1 is numbered twice (first at line 9)"])
    }

    @Test func postMeetingCalloutBecomesALabelledNote() {
        let rendered = MarkdownRenderer.render("> [!POST-MEETING]\n> Added *later*.", file: "m.md")
        #expect(rendered.html.html == """
            <div class="callout callout--post-meeting" role="note">
            <p class="callout__label">Information provided after the meeting</p>
            <p>Added <em>later</em>.</p>
            </div>

            """)
        #expect(rendered.blocks.first?.callout == .postMeeting)
    }

    @Test func unknownCalloutIsAPositionedError() {
        let rendered = MarkdownRenderer.render("Text\n\n> [!POST-MEETNG]\n> x", file: "m.md", firstLine: 20)
        #expect(rendered.diagnostics.map(\.description) == ["m.md:22:1: error: unknown callout '[!POST-MEETNG]'"])
        #expect(rendered.diagnostics.first?.note == "did you mean 'POST-MEETING'?")
    }

    @Test func columnsCountCharactersNotBytes() {
        let rendered = MarkdownRenderer.render("Café ± <i>x</i>", file: "d.md")
        #expect(rendered.diagnostics.first?.position == SourcePosition(line: 1, column: 8))
    }

    /// cmark-gfm's finish step is not thread-safe (DESIGN.md): the renderer
    /// serialises it. Rendering a corpus on many threads must give the same
    /// bytes as rendering it on one.
    @Test func parallelRenderingIsByteIdenticalToSerial() {
        let corpus = (0..<400).map { i in
            """
            ## Section \(i)

            Text with ~~strike~~ and www.example.org/\(i) and https://example.com/\(i).

            | a | b |
            |---|---|
            | \(i) | ~~x~~ |

            - [x] task \(i)
            - item <em>html</em>

            \(i).1 Numbered paragraph.
            """
        }
        let options = MarkdownOptions(numberedSections: true)
        let serial = corpus.map { MarkdownRenderer.render($0, file: "c.md", options: options).html.html }
        for _ in 0..<3 {
            let parallel = ParallelMap.map(corpus) { MarkdownRenderer.render($0, file: "c.md", options: options).html.html }
            #expect(parallel == serial)
        }
        #expect(serial[7].contains("<del>strike</del>"))
        #expect(serial[7].contains("<a href=\"http://www.example.org/7\">"))
    }
}

@Suite struct MarkdownTableTests {
    @Test func captionLineBecomesTheTableCaption() {
        let rendered = MarkdownRenderer.render("Table: Contacts, *by year*\n\n| Year | Contacts |\n|---|--:|\n| 2016/17 | 22,404 |", file: "t.md")
        #expect(rendered.html.html == """
            <table>
            <caption>Contacts, <em>by year</em></caption>
            <thead>
            <tr>
            <th scope="col">Year</th>
            <th scope="col" style="text-align: right">Contacts</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>2016/17</td>
            <td style="text-align: right">22,404</td>
            </tr>
            </tbody>
            </table>

            """)
        #expect(rendered.diagnostics.isEmpty)
    }

    @Test func tableWithoutCaptionIsAWarning() {
        let rendered = MarkdownRenderer.render("Intro.\n\n| a |\n|---|\n| 1 |", file: "t.md", firstLine: 5)
        #expect(rendered.html.html.hasPrefix("<p>Intro.</p>\n<table>\n<thead>"))
        #expect(rendered.diagnostics.map(\.description) == ["t.md:7:1: warning: this table has no caption"])
    }
}
