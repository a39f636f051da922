import Foundation
import Testing

@testable import ReportSite

@Suite struct DiagnosticFormatTests {
    let diagnostics = [
        Diagnostic.error("Content/a,b.md", SourcePosition(line: 3, column: 7), "'x' is 100% wrong", note: "did you mean 'y'?"),
        Diagnostic.warning("Content/site.yml", nil, "no contact"),
    ]

    @Test func textShowsTheLineAndACaret() {
        let text = DiagnosticFormat.text.render(diagnostics) { _, line in line == 3 ? "date:\tx" : nil }
        #expect(text == """
            Content/a,b.md:3:7: error: 'x' is 100% wrong
                date:    x
                         ^
                note: did you mean 'y'?
            Content/site.yml: warning: no contact
            """)
    }

    @Test func githubAnnotationsAreEscaped() {
        #expect(DiagnosticFormat.github.render(diagnostics) { _, _ in nil } == """
            ::error file=Content/a%2Cb.md,line=3,col=7,title=reportsite::'x' is 100%25 wrong%0Adid you mean 'y'?
            ::warning file=Content/site.yml,title=reportsite::no contact
            """)
    }

    @Test func jsonIsOneObjectPerLine() throws {
        let lines = DiagnosticFormat.json.render(diagnostics) { _, _ in nil }.split(separator: "\n")
        #expect(lines.count == 2)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(first?["file"] as? String == "Content/a,b.md")
        #expect(first?["line"] as? Int == 3)
        #expect(first?["column"] as? Int == 7)
        #expect(first?["severity"] as? String == "error")
        #expect(first?["note"] as? String == "did you mean 'y'?")
        #expect(lines[1] == #"{"file":"Content/site.yml","message":"no contact","severity":"warning"}"#)
    }
}
