import Foundation
import Testing

@testable import ReportSite

/// The byte-level string helpers that replace slower standard-library calls.
@Suite struct TextTests {
    @Test func replacingBytesReplacesEveryMatch() {
        #expect("<th>a</th><th>b</th>".replacingBytes("<th>", with: "<th scope=\"col\">")
            == "<th scope=\"col\">a</th><th scope=\"col\">b</th>")
        #expect("a\r\nb\r\n".replacingBytes("\r\n", with: "\n") == "a\nb\n")
        #expect("café — naïve".replacingBytes("é", with: "e") == "cafe — naïve")
        #expect("aaa".replacingBytes("aa", with: "b") == "ba")
        #expect("nothing here".replacingBytes("<th>", with: "x") == "nothing here")
        #expect("".replacingBytes("x", with: "y") == "")
    }

    @Test func trimmedDropsOuterSpaceOnly() {
        #expect("  Chief Constable \n".trimmed == "Chief Constable")
        #expect("Chief Constable".trimmed == "Chief Constable")
        #expect("\u{00A0}no-break\u{2003}".trimmed == "no-break")
        #expect(" \t\n".trimmed == "")
        #expect("".trimmed == "")
    }

    /// The lock file and change notes quote text as JSON; the quoting must
    /// stay what Foundation's JSONSerialization wrote before it.
    @Test func jsonQuotingMatchesFoundation() throws {
        for text in ["plain", "a\"b\\c/d", "tab\tnl\nCR\r", "\u{1}\u{1f}\u{7f}", "é ‘x’ \u{2028} 😀", ""] {
            let data = try JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
            #expect(Text.jsonQuoted(text) == String(String(decoding: data, as: UTF8.self).dropFirst().dropLast()))
        }
    }
}
