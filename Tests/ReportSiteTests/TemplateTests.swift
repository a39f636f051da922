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

    /// A problem points at its tag as an editor counts: in characters, not
    /// bytes, on lines ended by LF or CRLF; an unclosed `{{` leaves its line as text.
    @Test func tagPositionsCountCharactersAndLines() {
        #expect(check("<p>Café — {{{title}}}</p>") == ["Templates/t.mustache:1:11: error: 'title' is written without escaping"])
        #expect(check("{{ unclosed\r\n{{{summary}}} {{bodyHTML}}\n{{{x.letterHTML}}} {{&note }}") == [
            "Templates/t.mustache:2:1: error: 'summary' is written without escaping",
            "Templates/t.mustache:2:15: error: '{{bodyHTML}}' escapes trusted HTML, so readers would see its tags",
            "Templates/t.mustache:3:20: error: 'note' is written without escaping",
        ])
    }

    /// A misspelt partial would render as nothing and silently empty every
    /// list that uses it: the whole build reports where it is written instead.
    @Test func aPartialThatNamesNoTemplateIsAnError() throws {
        var files = Fixtures.site("valid").contents.mapValues { String(decoding: $0, as: UTF8.self) }
        let list = try #require(files["Templates/list.mustache"])
        #expect(list.contains("{{>list-item}}"), "the fixture's list uses the partial")
        files["Templates/list.mustache"] = list.replacing("{{>list-item}}", with: "{{> list-itme }}")
        let result = SiteBuilder.build(MemoryFileSystem(files))
        #expect(!result.succeeded)
        let line = list.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("{{>list-item}}") }! + 1
        #expect(result.diagnostics.all.map(\.description) == [
            "Templates/list.mustache:\(line):1: error: '{{> list-itme}}' names no template: there is no Templates/list-itme.mustache"
        ])
        #expect(result.diagnostics.all.first?.note == "did you mean 'list-item'?")

        var bag = DiagnosticBag()
        let parents = SourceFile(path: "Templates/t.mustache", text: "{{<layout}}{{$main}}{{>*dynamic}}{{/main}}{{/layout}}")
        TemplateLibrary.checkPartials(parents, known: ["layout", "t"], into: &bag)
        #expect(bag.all.isEmpty, "a known parent and a dynamic partial are fine")
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

    @Test func escapingReplacesTheFiveCharactersAndKeepsTheRest() {
        #expect(escapeHTML("Tom & Jerry's <b>\"café\"</b> — 5 > 3") ==
            "Tom &amp; Jerry&#39;s &lt;b&gt;&quot;café&quot;&lt;/b&gt; — 5 &gt; 3")
        #expect(escapeHTML("Chief Constable’s response") == "Chief Constable’s response")
        #expect(escapeHTML("") == "")
    }

    @Test func templateSyntaxErrorsArePositioned() {
        var files = Fixtures.site("valid").contents.mapValues { String(decoding: $0, as: UTF8.self) }
        files["Templates/page.mustache"] = "<p>\n<div>{{#document}}{{/title}}\n"
        let result = SiteBuilder.build(MemoryFileSystem(files))
        #expect(!result.succeeded)
        // The line is the author's, not shifted by the content-type pragma
        // put in front of every template.
        #expect(result.diagnostics.all.first?.description.hasPrefix("Templates/page.mustache:2:") == true,
            "\(result.formattedDiagnostics())")
    }

    /// The contexts that list their own fields (to skip reflection) must
    /// list exactly what Mirror sees, or a template would silently lose a value.
    @Test func handWrittenContextFieldsMatchReflection() throws {
        var checked: Set<String> = []
        func compare(_ value: Any) {
            let reflected = Mirror(reflecting: value)
            if reflected.displayStyle == .optional {
                if let wrapped = reflected.children.first { compare(wrapped.value) }
                return
            }
            guard let listed = value as? MustacheFields else { return }
            let mirror = Mirror(reflecting: value)
            #expect(listed.mustacheFields.map(\.0) == mirror.children.map { $0.label ?? "" }, "\(type(of: value))")
            for ((_, fast), child) in zip(listed.mustacheFields, mirror.children) {
                #expect(String(reflecting: fast) == String(reflecting: child.value), "\(type(of: value)).\(child.label ?? "")")
                compare(child.value)
                if let array = child.value as? [Any] { array.forEach(compare) }
            }
            checked.insert(String(reflecting: type(of: value)).replacing("ReportSite.", with: ""))
        }
        // The example site and the valid fixture between them use every context.
        for site: any FileSystem in [Fixtures.exampleSite, Fixtures.site("valid")] {
            let result = SiteBuilder.build(site)
            let renderer = try #require(result.renderer)
            let graph = renderer.graph
            for kind in DocumentKind.allCases where kind.isListed {
                compare(renderer.listContext(kind))
            }
            for document in graph.documents {
                compare(renderer.context(for: document))
                compare(HistoryContext(document, graph: graph))
                for version in document.versions {
                    compare(renderer.context(for: version.document, current: document, version: version))
                }
            }
            for page in renderer.trackerPages() { compare((page.context as? LazyContext)?.make() ?? page.context) }
            compare(PublicationSchemeContext(graph: graph))
        }
        #expect(checked == [
            "DocumentContext", "LayoutContext", "LayoutContext.Link", "DateContext", "ContentsEntry", "DocumentContext.Change",
            "ListContext", "ListItem", "MeetingContext", "MeetingContext.Question", "MeetingContext.Action", "PersonContext",
            "ReportContext", "ReportContext.ChecklistRow", "ResponseContext", "ResponseContext.Recommendation", "PageContext",
            "HistoryContext", "HistoryContext.Version", "RecommendationsContext", "RecommendationsContext.Row", "FilterLink",
            "StatusSource", "ActionsContext", "ActionsContext.Row", "PublicationSchemeContext",
            "PublicationSchemeContext.Category", "DocumentContext.Superseded",
        ])
    }
}
