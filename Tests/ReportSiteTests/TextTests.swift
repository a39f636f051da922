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

    /// The link check and chart filling find attributes and markers in
    /// every page by bytes: at the start, at the very end, next to each
    /// other, after multi-byte text, and never a pattern cut off by the end.
    @Test func htmlScanFindsEveryAttributeAndNoPartialOne() {
        let html = " href=\"/a/\"<a href=\"/b/#x\" id=\"é\"> héllo — <a href=\"/c/?q=&amp;\"></a><p id=\"end\""
        #expect(HTMLScan.attributeValues("href", in: html) == ["/a/", "/b/#x", "/c/?q=&"])
        #expect(HTMLScan.attributeValues("id", in: html) == ["é", "end"])
        #expect(HTMLScan.attributeValues("src", in: html).isEmpty)
        #expect(HTMLScan.attributeValues(["id", "href"], in: Data(html.utf8)) == [["é", "end"], ["/a/", "/b/#x", "/c/?q=&"]])
        // A name must stand as a whole word before `="`; `=` elsewhere is text.
        #expect(HTMLScan.attributeValues(["id"], in: Data("<p data-id=\"x\" title=\"a=b\">id=\"y\" 2=3 id=\"".utf8)) == [[""]])
        #expect(HTMLScan.contains(" href=", in: html))
        #expect(HTMLScan.contains("id=\"end\"", in: html))
        #expect(!HTMLScan.contains("id=\"end\"x", in: html))
        #expect(!HTMLScan.contains("hh", in: html))
        #expect(HTMLScan.contains("<!--reportsite:chart a-->", in: Data("x<!--reportsite:chart a-->".utf8)))
        #expect(!HTMLScan.contains("<!--reportsite:chart a-->", in: Data("x<!--reportsite:chart a-".utf8)))
    }

    /// Links are told apart and split by bytes; a `#` or `:` next to
    /// combining or multi-byte text splits where it is.
    @Test func linkTargetsSplitAtTheirHashAndSchemeColon() {
        #expect(LinkTarget.split("reports/a.md#section-2") == ("reports/a.md", "section-2"))
        #expect(LinkTarget.split("/b/") == ("/b/", nil))
        #expect(LinkTarget.split("#\u{301}é") == ("", "\u{301}é"))
        #expect(LinkTarget.split("é#") == ("é", ""))
        #expect(LinkTarget.isExternal("mailto:a@b.org"))
        #expect(LinkTarget.isExternal("https://x.org/"))
        #expect(LinkTarget.isExternal("//x.org/"))
        #expect(!LinkTarget.isExternal("/a/b:c/"))
        #expect(!LinkTarget.isExternal(":x"))
    }

    /// Links are decoded as Foundation decodes them, whether or not they hold an escape.
    @Test func percentDecodingMatchesFoundation() {
        for text in ["", "plain/path.md", "a%20b", "caf%C3%A9#section-2", "%E2%80%94", "bad%zz", "50%", "%", "%%20"] {
            #expect(Text.percentDecoded(text) == text.removingPercentEncoding, "\(text)")
        }
    }
}
