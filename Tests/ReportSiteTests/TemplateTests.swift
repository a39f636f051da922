import Testing

@testable import ReportSite

@Suite struct TemplateTests {
    func check(_ template: String) -> [String] {
        var bag = DiagnosticBag()
        TemplateLibrary.checkEscaping(SourceFile(path: "Templates/t.mustache", text: template), into: &bag)
        return bag.all.map(\.description)
    }

    @Test func onlyTrustedHTMLMayBeUnescaped() {
        #expect(check("<p>{{title}}</p>\n{{{bodyHTML}}}\n{{{document.letterHTML}}}").isEmpty)
        #expect(check("<h1>{{{title}}}</h1>\n  {{& summary}}") == [
            "Templates/t.mustache:1:5: error: 'title' is written without escaping",
            "Templates/t.mustache:2:3: error: 'summary' is written without escaping",
        ])
    }

    @Test func trustedHTMLMustNotBeEscaped() {
        #expect(check("{{bodyHTML}}") == [
            "Templates/t.mustache:1:1: error: '{{bodyHTML}}' escapes trusted HTML, so readers would see its tags"
        ])
        #expect(check("{{#bodyHTML}}x{{/bodyHTML}}").isEmpty)
    }

    @Test func frontMatterTextIsEscapedInPages() throws {
        var files = Fixtures.site("valid").contents
        let path = "Content/pages/about.md"
        files[path] = .init("---\ntitle: <script>alert('x')</script>\nsummary: \"Tom & Jerry\"\n---\nBody".utf8)
        let result = SiteBuilder.build(MemoryFileSystem(files.mapValues { String(decoding: $0, as: UTF8.self) }))
        #expect(result.succeeded, "\(result.formattedDiagnostics())")
        let page = result.file("about/index.html") ?? ""
        #expect(page.contains("<h1 class=\"heading-xl\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</h1>")
            || page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(!page.contains("<script>"))
        #expect(page.contains("Tom &amp; Jerry"))
    }

    @Test func templateSyntaxErrorsArePositioned() {
        var files = Fixtures.site("valid").contents.mapValues { String(decoding: $0, as: UTF8.self) }
        files["Templates/page.mustache"] = "<p>\n{{#document}}{{title}}\n"
        let result = SiteBuilder.build(MemoryFileSystem(files))
        #expect(!result.succeeded)
        #expect(result.diagnostics.all.first?.file == "Templates/page.mustache")
        #expect(result.diagnostics.all.first?.position != nil)
    }
}
