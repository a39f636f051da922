import Mustache
import Testing

@testable import ReportSite

// The site's own Mustache engine (`Template`, `TemplateSet`) against the
// Mustache spec (github.com/mustache/spec) and against swift-mustache 2.1.1,
// the engine it replaces: every case is rendered with both and must come out
// the same. The site's templates were written against swift-mustache, so where
// it departs from the spec it wins: such a case has no spec output (nil) and a
// comment saying what the spec would give.

/// "main" rendered with `value`; `spec` is what the spec (or plain sense) asks for.
private struct Case {
    let main: String, value: TemplateValue, spec: String?, partials: [String: String]

    init(_ main: String, _ value: TemplateValue, _ spec: String?, _ partials: [String: String] = [:]) {
        (self.main, self.value, self.spec, self.partials) = (main, value, spec, partials)
    }

    init(_ main: String, _ fields: [String: TemplateValue], _ spec: String?, _ partials: [String: String] = [:]) {
        self.init(main, .object(fields), spec, partials)
    }
}

private func texts(_ items: String...) -> TemplateValue { .list(TemplateList(items.map { .text($0) })) }
private func ints(_ items: Int...) -> TemplateValue { .list(TemplateList(items.map { .int($0) })) }
private func html(_ markup: String) -> TemplateValue { .html(TrustedHTML(markup)) }
/// `nest("a.b", v)` is `{a: {b: v}}`.
private func nest(_ path: String, _ leaf: TemplateValue) -> TemplateValue {
    path.split(separator: ".").reversed().reduce(leaf) { .object([String($1): $0]) }
}

// What swift-mustache was given for each kind of value.
private struct OracleHTML: MustacheCustomRenderable { let html: String; var renderText: String { html }; var isNull: Bool { html.isEmpty } }
private struct OracleMissing: MustacheCustomRepresentation { var representation: Any? { nil } }

private func oracleValue(_ value: TemplateValue) -> Any {
    switch value {
    case .text(let text): text
    case .html(let markup): OracleHTML(html: markup.html)
    case .int(let number): number
    case .double(let number): number
    case .bool(let flag): flag
    case .list(let items): items.map(oracleValue)
    case .object(let fields): fields.mapValues(oracleValue)
    case .missing: OracleMissing()
    }
}

/// Renders each case with both engines: the same output, and the spec's if it has one.
private func check(_ cases: [Case], sourceLocation: SourceLocation = #_sourceLocation) {
    for item in cases {
        let templates = item.partials.merging(["main": item.main]) { $1 }
        let shown: Comment = "template \(item.main.debugDescription), value \(item.value)"
        let expected: String?, output: String?
        do {
            let library = MustacheLibrary(templates: try templates.mapValues { try MustacheTemplate(string: $0) })
            expected = library.render(oracleValue(item.value), withTemplate: "main")
            output = TemplateSet(try templates.mapValues { try Template(parsing: $0) }).render("main", item.value)
        } catch {
            Issue.record("cannot parse: \(error); \(shown)", sourceLocation: sourceLocation)
            continue
        }
        #expect(output == expected, "as swift-mustache: \(shown)", sourceLocation: sourceLocation)
        if let spec = item.spec {
            #expect(output == spec, "as the spec: \(shown)", sourceLocation: sourceLocation)
        }
    }
}

@Suite struct TemplateEngineTests {
    /// The guarantee that matters: the site's own templates draw every page
    /// of the example site and the valid fixture exactly as swift-mustache did.
    @Test func everyPageOfTheExampleSitesRendersAsWithSwiftMustache() throws {
        for site: any FileSystem in [Fixtures.exampleSite, Fixtures.site("valid")] {
            var library = MustacheLibrary()
            for path in try site.files(under: TemplateLibrary.folder) where path.hasSuffix(".mustache") {
                let name = String(path.dropFirst(TemplateLibrary.folder.count + 1).dropLast(".mustache".count))
                library.register(try MustacheTemplate(string: site.readText(path).text), named: name)
            }
            let renderer = try #require(SiteBuilder.build(site).renderer)
            let pages = renderer.pages()
            #expect(pages.count > 20)
            for page in pages {
                let value = MustacheValue.convert((page.context as? LazyContext)?.make() ?? page.context)
                let ours = renderer.templates.render(page.template, value)
                #expect(ours != nil && ours == library.render(oracleValue(value), withTemplate: page.template), "\(page.path)")
            }
        }
    }

    /// Long lists (the tracker pages' rows) are made item by item as the
    /// section reaches them: the same output as a list built in full, and
    /// the same page fingerprint whether or not the walk builds values.
    @Test func longListsRenderAndFingerprintAsBuiltOnes() throws {
        let rows = (0...(Array<String>.builtInFull * 2)).map { "row \($0) <&>" }
        guard case .list(let made) = rows.mustacheValue(ContextWalk(fingerprint: nil, builds: true)) else {
            Issue.record("not a list")
            return
        }
        #expect(!made.isBuilt)
        let built = TemplateList(rows.map { .text($0) })
        let template = try Template(parsing: """
            {{#rows}}{{.}}{{^last()}}, {{/last()}}{{/rows}} ({{count(rows)}}) {{#last(rows)}}{{.}}{{/last(rows)}} \
            {{#reversed(rows)}}{{#first()}}{{.}}{{/first()}}{{/reversed(rows)}}{{^rows}}none{{/rows}}
            """)
        let set = TemplateSet(["main": template])
        let ours = try #require(set.render("main", .object(["rows": .list(made)])))
        #expect(ours == set.render("main", .object(["rows": .list(built)])))
        #expect(ours.hasPrefix("row 0 &lt;&amp;&gt;, row 1 &lt;&amp;&gt;, "))
        #expect(ours.hasSuffix("(\(rows.count)) row \(rows.count - 1) &lt;&amp;&gt; row \(rows.count - 1) &lt;&amp;&gt;"))

        let walked = PageFingerprint(path: "p", template: "main", salt: "s")
        let onlyFingerprinted = PageFingerprint(path: "p", template: "main", salt: "s")
        _ = rows.mustacheValue(ContextWalk(fingerprint: walked, builds: true))
        _ = rows.mustacheValue(ContextWalk(fingerprint: onlyFingerprinted, builds: false))
        #expect(walked.finish { "" } == onlyFingerprinted.finish { "" })
        let changed = PageFingerprint(path: "p", template: "main", salt: "s")
        _ = (rows.dropLast() + ["row x"]).mustacheValue(ContextWalk(fingerprint: changed, builds: true))
        #expect(changed.finish { "" } != walked.finish { "" }, "a changed row changes the fingerprint")
    }

    @Test func interpolation() {
        let five = TemplateValue.text("& \" < > '")
        check([
            Case("Hello from {Mustache}!\n", [:], "Hello from {Mustache}!\n"),
            Case("Hello, {{subject}}!\n", ["subject": .text("world")], "Hello, world!\n"),
            Case("{{x}}|{{{x}}}|{{&x}}", ["x": five], "&amp; &quot; &lt; &gt; &#39;|& \" < > '|& \" < > '"),
            Case("|{{ x }}|{{{ x }}}|{{& x }}|", ["x": five], "|&amp; &quot; &lt; &gt; &#39;|& \" < > '|& \" < > '|"),
            Case("{{.}}|{{{.}}}|{{&.}}", five, "&amp; &quot; &lt; &gt; &#39;|& \" < > '|& \" < > '"),
            Case("{{x}}", ["x": .text("café <ü> ✓")], "café &lt;ü&gt; ✓"),
            Case("{{mph}} miles an hour! {{power}} jiggawatts!", ["mph": .int(85), "power": .double(1.21)], "85 miles an hour! 1.21 jiggawatts!"),
            Case("{{a}} {{b}} {{c}}", ["a": .int(-3), "b": .double(-0.5), "c": .int(0)], "-3 -0.5 0"),
            // Not in the spec: Swift's own descriptions of 2.0 and of booleans.
            Case("{{d}} {{t}} {{f}} {{{t}}}", ["d": .double(2), "t": .bool(true), "f": .bool(false)], "2.0 true false true"),
            Case("{{d}}|{{e}}|{{f}}", ["d": .double(1e21), "e": .double(0.1 + 0.2), "f": .double(.infinity)], "1e+21|0.30000000000000004|inf"),
            Case("I ({{cannot}}) be seen!", ["cannot": .missing], "I () be seen!"),
            Case("I ({{cannot}}) ({{{cannot}}}) ({{&cannot}}) be seen!", [:], "I () () () be seen!"),
            Case("| {{s}} |\n  {{s}}\n", ["s": .text("---")], "| --- |\n  ---\n"),
            Case("{{{h}}}|{{&h}}|{{{e}}}.", ["h": html("<b>&amp;</b>"), "e": html("")], "<b>&amp;</b>|<b>&amp;</b>|."),
            // Not in the spec: swift-mustache escapes trusted HTML shown with {{h}} (the site's templates may not).
            Case("{{h}} {{#h}}{{.}}{{/h}}", ["h": html("<b>&amp;</b>")], "&lt;b&gt;&amp;amp;&lt;/b&gt; &lt;b&gt;&amp;amp;&lt;/b&gt;"),
        ])
    }

    @Test func namesAndTheContextStack() {
        check([
            Case("\"{{person.name}}\" == \"{{#person}}{{name}}{{/person}}\"", nest("person.name", .text("Joe")), "\"Joe\" == \"Joe\""),
            Case("{{a.b.c.d.e.name}}", nest("a.b.c.d.e.name", .text("Phil")), "Phil"),
            Case("{{#a}}{{b.c.d.e.name}}{{/a}}",
                 ["a": nest("b.c.d.e.name", .text("Phil")), "b": nest("c.d.e.name", .text("Wrong"))], "Phil"),
            // Missing at every level, a missing value, a name inside a string.
            Case("[{{a.b.c}}]", [:], "[]"), Case("[{{a.b.c}}]", ["a": .object([:])], "[]"), Case("[{{a.b.c}}]", ["a": .missing], "[]"),
            Case("[{{a.b.c}}]", nest("a.b", .object([:])), "[]"), Case("[{{a.b.c}}]", nest("a.b.c", .missing), "[]"),
            Case("[{{a.b}}]", ["a": .text("x"), "b": .text("no")], "[]"),
            Case("[{{a.b.c.name}}]", ["a": nest("b", .object([:])), "c": nest("name", .text("Jim"))], "[]"),
            Case("[{{#a}}{{b.c}}{{/a}}]", ["a": nest("b", .object([:])), "b": nest("c", .text("ERROR"))], "[]"),
            // Up the stack, and a missing value stopping the climb where an absent one does not.
            Case("{{#sec}}{{a}}, {{b}}, {{c.d}}{{/sec}}",
                 ["a": .text("foo"), "b": .text("wrong"), "sec": .object(["b": .text("bar")]), "c": nest("d", .text("baz"))], "foo, bar, baz"),
            Case("{{#a}}{{one}}{{#b}}{{one}}{{two}}{{#c}}{{one}}{{two}}{{three}}{{/c}}{{/b}}{{/a}}",
                 ["a": nest("one", .int(1)), "b": nest("two", .int(2)), "c": nest("three", .int(3))], "112123"),
            Case("{{#sec}}[{{name}}]{{^name}}none{{/name}}{{/sec}}", ["name": .text("outer"), "sec": nest("name", .missing)], "[]none"),
            Case("{{#items}}{{name}};{{/items}}",
                 ["name": .text("outer"), "items": .list([nest("name", .text("a")), nest("name", .missing), .object([:])])], "a;;outer;"),
            Case("{{#tops}}{{#middles}}{{tname.lower}}{{mname}}.{{#bottoms}}{{tname.upper}}{{mname}}{{bname}}.{{/bottoms}}{{/middles}}{{/tops}}",
                 ["tops": .list([.object([
                     "tname": .object(["upper": .text("A"), "lower": .text("a")]),
                     "middles": .list([.object(["mname": .text("1"), "bottoms": .list([nest("bname", .text("x")), nest("bname", .text("y"))])])]),
                 ])])], "a1.A1x.A1y."),
            // The implicit iterator.
            Case("\"{{#list}}({{.}}){{/list}}\"", ["list": texts("a", "b", "c")], "\"(a)(b)(c)\""),
            Case("{{#i}}({{.}}){{/i}}{{#d}}({{.}}){{/d}}", ["i": ints(1, 2, 3), "d": .list([.double(1.1), .double(2.2)])], "(1)(2)(3)(1.1)(2.2)"),
            Case("{{#list}}({{#.}}{{.}}{{/.}}){{/list}}", ["list": .list([ints(1, 2, 3), texts("a", "b", "c")])], "(123)(abc)"),
            Case("{{#list}}({{.}}|{{{.}}}|{{&.}}){{/list}}", ["list": texts("&", "\"", "<")], "(&amp;|&|&)(&quot;|\"|\")(&lt;|<|<)"),
            Case("{{#list}}({{{.}}}){{/list}}", ["list": .list([html("<i>a</i>"), html("")])], "(<i>a</i>)()"),
            Case("{{#foo}}{{.}} is {{foo}}{{/foo}}", ["foo": .text("bar")], "bar is bar"),
        ])
    }

    @Test func sections() {
        let yes = TemplateValue.object(["boolean": .bool(true)])
        check([
            Case("\"{{#boolean}}This should be rendered.{{/boolean}}\"", yes, "\"This should be rendered.\""),
            Case("\"{{#boolean}}This should not be rendered.{{/boolean}}\"", ["boolean": .bool(false)], "\"\""),
            Case("\"{{#boolean}}This should not be rendered.{{/boolean}}\"", ["boolean": .missing], "\"\""), Case("[{{#missing}}Found key 'missing'!{{/missing}}]", [:], "[]"),
            Case("\"{{#context}}Hi {{name}}.{{/context}}\"", ["context": nest("name", .text("Joe"))], "\"Hi Joe.\""),
            Case("\"{{#list}}{{item}}{{/list}}\"", ["list": .list([nest("item", .int(1)), nest("item", .int(2)), nest("item", .int(3))])], "\"123\""),
            Case("\"{{#list}}Yay lists!{{/list}}\"", ["list": .list([])], "\"\""),
            Case("[{{#o}}an object{{/o}}]", ["o": .object([:])], "[an object]"),
            Case("{{#list}}[{{.}}|{{#.}}y{{/.}}{{^.}}n{{/.}}]{{/list}}", ["list": .list([.missing, .bool(false), .text(""), .int(0), html("")])], nil),
            Case("[{{#h}}{{{.}}}{{/h}}][{{#e}}empty{{/e}}]", ["h": html("<i>x</i>"), "e": html("")], "[<i>x</i>][]"),
            Case("[{{#s}}<{{.}}>{{/s}}]", ["s": .text("x & y")], "[<x &amp; y>]"),
            // The spec leaves these to the language: for swift-mustache "" and 0 are true.
            Case("[{{#s}}yes{{/s}}]", ["s": .text("")], nil),
            Case("[{{#n}}{{.}}{{/n}}|{{#z}}{{.}}{{/z}}|{{#d}}{{.}}{{/d}}]", ["n": .int(3), "z": .int(0), "d": .double(0)], nil),
            Case("| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |", ["bool": .bool(true)], "| A B C D E |"),
            Case("| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |", ["bool": .bool(false)], "| A  E |"),
            Case("\"{{#a.b.c}}Here{{/a.b.c}}\"", nest("a.b.c", .bool(true)), "\"Here\""),
            Case("\"{{#a.b.c}}Here{{/a.b.c}}\"", nest("a.b.c", .bool(false)), "\"\""), Case("\"{{#a.b.c}}Here{{/a.b.c}}\"", ["a": .object([:])], "\"\""),
            Case("{{#bool}}\n* first\n{{/bool}}\n* {{two}}\n{{#bool}}\n* third\n{{/bool}}\n",
                 ["bool": .bool(true), "two": .text("second")], "* first\n* second\n* third\n"),
        ])
    }

    @Test func invertedSections() {
        check([
            Case("\"{{^boolean}}This should be rendered.{{/boolean}}\"", ["boolean": .bool(false)], "\"This should be rendered.\""),
            Case("\"{{^boolean}}This should not be rendered.{{/boolean}}\"", ["boolean": .bool(true)], "\"\""),
            Case("\"{{^boolean}}This should be rendered.{{/boolean}}\"", ["boolean": .missing], "\"This should be rendered.\""),
            Case("[{{^missing}}Found key 'missing'!{{/missing}}]", [:], "[Found key 'missing'!]"),
            Case("\"{{^context}}Hi {{name}}.{{/context}}\"", ["context": nest("name", .text("Joe"))], "\"\""),
            Case("\"{{^list}}{{n}}{{/list}}\"", ["list": .list([nest("n", .int(1)), nest("n", .int(2))])], "\"\""),
            Case("\"{{^list}}Yay lists! {{name}}{{/list}}\"", ["list": .list([]), "name": .text("x")], "\"Yay lists! x\""),
            Case("| A {{^bool}}B {{^bool}}C{{/bool}} D{{/bool}} E |", ["bool": .bool(false)], "| A B C D E |"),
            Case("\"{{^a.b.c}}Not Here{{/a.b.c}}\"", nest("a.b.c", .bool(true)), "\"\""), Case("\"{{^a.b.c}}Not Here{{/a.b.c}}\"", nest("a.b.c", .bool(false)), "\"Not Here\""),
            Case("\"{{^a.b.c}}Not Here{{/a.b.c}}\"", ["a": .object([:])], "\"Not Here\""),
            Case("[{{^h}}none{{/h}}|{{^e}}none{{/e}}|{{^o}}none{{/o}}]", ["h": html("<i/>"), "e": html(""), "o": .object([:])], "[|none|]"),
            Case("[{{^s}}none{{/s}}|{{^z}}none{{/z}}]", ["s": .text(""), "z": .int(0)], nil),  // "" and 0 are true, as above
        ])
    }

    @Test func standaloneLines() {
        let yes = TemplateValue.object(["boolean": .bool(true)])
        check([
            Case(" | {{#boolean}}\t|\t{{/boolean}} | \n", yes, " | \t|\t | \n"), Case(" | {{#boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n", yes, " |  \n  | \n"),
            Case(" {{#boolean}}YES{{/boolean}}\n {{#boolean}}GOOD{{/boolean}}\n", yes, " YES\n GOOD\n"),
            Case("| This Is\n{{#boolean}}\n|\n{{/boolean}}\n| A Line\n", yes, "| This Is\n|\n| A Line\n"),
            Case("| This Is\n  {{#boolean}}\n|\n  {{/boolean}}\n| A Line\n", yes, "| This Is\n|\n| A Line\n"),
            Case("| This Is\n  {{^boolean}}\n|\n  {{/boolean}}\n| A Line\n", ["boolean": .bool(false)], "| This Is\n|\n| A Line\n"),
            Case("|\r\n{{#boolean}}\r\n{{/boolean}}\r\n|", yes, "|\r\n|"), Case("|\r\n  {{^boolean}}\r\nx\r\n  {{/boolean}}\r\n|", yes, "|\r\n|"),
            Case("  {{#boolean}}\n#{{/boolean}}\n/", yes, "#\n/"), Case("#{{#boolean}}\n/\n  {{/boolean}}", yes, "#\n/\n"),
            Case("|{{# boolean }}={{/ boolean }}|", yes, "|=|"),
            Case("{{#boolean}}{{#boolean}}\nx\n{{/boolean}}{{/boolean}}\n", yes, "\nx\n\n"),
            Case("\t{{#boolean}}\n\tx\n\t{{/boolean}}\n", yes, "\tx\n"),
            Case("a\r{{#boolean}}\rb\r{{/boolean}}\rc", yes, "a\r\rb\r\rc"),  // a lone "\r" does not end a line
            // swift-mustache: after an inline close tag, a section tag that follows on the
            // same line counts as standalone if the section's opening tag was ("xz\n");
            // the spec keeps the line: "x \nz\n".
            Case("{{#a}}\nx{{/a}} {{#b}}\nz\n{{/b}}", ["a": .bool(true), "b": .bool(true)], nil),
        ])
    }

    @Test func comments() {
        check([
            Case("12345{{! Comment Block! }}67890", [:], "1234567890"),
            Case("12345{{!\n  This is a\n  multi-line comment...\n}}67890\n", [:], "1234567890\n"),
            Case("Begin.\n{{! Comment Block! }}\nEnd.\n", [:], "Begin.\nEnd.\n"), Case("Begin.\n  {{! Indented Comment Block! }}\nEnd.\n", [:], "Begin.\nEnd.\n"),
            Case("|\r\n{{! Standalone Comment }}\r\n|", [:], "|\r\n|"),
            Case("  {{! I'm Still Standalone }}\n!", [:], "!"), Case("!\n  {{! I'm Still Standalone }}", [:], "!\n"),
            Case("Begin.\n{{!\nSomething's going on here...\n}}\nEnd.\n", [:], "Begin.\nEnd.\n"),
            Case("Begin.\n  {{!\n    Something's going on here...\n  }}\nEnd.\n", [:], "Begin.\nEnd.\n"),
            Case("  12 {{! 34 }}\n", [:], "  12 \n"), Case("  {{! 34 }} 56\n", [:], "   56\n"),
            Case("12345 {{! Comment Block! }} 67890", [:], "12345  67890"),
            Case("comments never show: >{{! comment }}<", ["! comment": .int(1), "comment": .int(2)], "comments never show: ><"),
        ])
    }

    @Test func partials() {
        check([
            Case("\"{{>text}}\"", [:], "\"from partial\"", ["text": "from partial"]), Case("\"{{>text}}\"", [:], "\"\""),
            Case("\"{{>partial}}\"", ["text": .text("content")], "\"*content*\"", ["partial": "*{{text}}*"]),
            Case("{{>node}}", ["content": .text("X"), "nodes": .list([.object(["content": .text("Y"), "nodes": .list([])])])], "X<Y<>>",
                 ["node": "{{content}}<{{#nodes}}{{>node}}{{/nodes}}>"]),
            Case("{{>outer}}", ["a": .text("hello"), "b": .text("world")], "*hello world!*", ["outer": "*{{a}} {{>inner}}*", "inner": "{{b}}!"]),
            Case("| {{>partial}} |", [:], "| \t|\t |", ["partial": "\t|\t"]),
            Case("  {{data}}  {{> partial}}\n", ["data": .text("|")], "  |  >\n>\n", ["partial": ">\n>"]),
            Case("|\r\n{{>partial}}\r\n|", [:], "|\r\n>|", ["partial": ">"]),
            Case("  {{>partial}}\n>", [:], "  >\n  >>", ["partial": ">\n>"]), Case(">\n  {{>partial}}", [:], ">\n  >\n  >", ["partial": ">\n>"]),
            Case("\\\n {{>partial}}\n/\n", ["content": .text("<\n->")], "\\\n |\n <\n->\n |\n/\n", ["partial": "|\n{{{content}}}\n|\n"]),
            Case("|{{> partial }}|", ["boolean": .bool(true)], "|[]|", ["partial": "[]"]),
            Case("\t{{>p}}\n", [:], "\ta\n\tb\n", ["p": "a\nb\n"]),
            Case("<body>\n  {{>outer}}\n</body>\n", [:], "<body>\n  <div>\n    <p>hi</p>\n  </div>\n</body>\n",
                 ["outer": "<div>\n  {{>inner}}\n</div>\n", "inner": "<p>hi</p>\n"]),
            Case("<ul>\n  {{#items}}\n  {{>item}}\n  {{/items}}\n</ul>\n", ["items": texts("a", "b")], "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n",
                 ["item": "<li>{{.}}</li>\n"]),
            Case("\"{{>*dynamic}}\"", ["dynamic": .text("content")], "\"Hello, world!\"", ["content": "Hello, world!"]),
            // swift-mustache writes a standalone partial's indentation even when the partial
            // is empty or missing ("  x"); the spec drops the line ("x").
            Case("  {{>empty}}\nx", [:], nil, ["empty": ""]),
            Case("  {{>nope}}\nx", [:], nil),
            // swift-mustache does not indent the second and later items of a list section
            // inside an indented partial ("  a\nb\n"); the spec: "  a\n  b\n".
            Case("  {{>list}}\n", ["items": texts("a", "b")], nil, ["list": "{{#items}}\n{{.}}\n{{/items}}\n"]),
        ])
    }

    @Test func setDelimiters() {
        let both = TemplateValue.object(["section": .bool(true), "data": .text("I got interpolated.")])
        check([
            Case("{{=<% %>=}}(<%text%>)", ["text": .text("Hey!")], "(Hey!)"), Case("({{=[ ]=}}[text])", ["text": .text("It worked!")], "(It worked!)"),
            Case("{{=<% %>=}}<%#list%><%& .%>,<%/list%><%={{ }}=%> {{x}}", ["list": texts("<", "b"), "x": .text("&")], "<,b, &amp;"),
            Case("[\n{{#section}}\n  {{data}}\n  |data|\n{{/section}}\n\n{{= | | =}}\n|#section|\n  {{data}}\n  |data|\n|/section|\n]\n", both,
                 "[\n  I got interpolated.\n  |data|\n\n  {{data}}\n  I got interpolated.\n]\n"),
            Case("[ {{>include}} ]\n{{= | | =}}\n[ |>include| ]\n", ["value": .text("yes")], "[ .yes. ]\n[ .yes. ]\n", ["include": ".{{value}}."]),
            Case("[ {{>include}} ]\n[ .{{value}}.  .|value|. ]\n", ["value": .text("yes")], "[ .yes.  .yes. ]\n[ .yes.  .|value|. ]\n",
                 ["include": ".{{value}}. {{= | | =}} .|value|."]),
            Case("| {{=@ @=}} |", [:], "|  |"), Case(" | {{=@ @=}}\n", [:], " | \n"),
            Case("Begin.\n{{=@ @=}}\nEnd.\n", [:], "Begin.\nEnd.\n"), Case("Begin.\n  {{=@ @=}}\nEnd.\n", [:], "Begin.\nEnd.\n"),
            Case("|\r\n{{= @ @ =}}\r\n|", [:], "|\r\n|"),
            // swift-mustache: delimiters set inside a section end with it ("X<%x%>"); the spec keeps them ("{{x}}X").
            Case("{{#t}}{{=<% %>=}}<%/t%>{{x}}<%x%>", ["t": .bool(true), "x": .text("X")], nil),
            Case("  {{=@ @=}}\n=", [:], "="), Case("=\n  {{=@ @=}}", [:], "=\n"),
            Case("|{{= @   @ =}}|", [:], "||"),
        ])
    }

    @Test func inheritance() {
        let levels = ["parent": "{{<older}}{{$a}}p{{/a}}{{/older}}", "older": "{{<grandParent}}{{$a}}o{{/a}}{{/grandParent}}", "grandParent": "{{$a}}g{{/a}}"]
        check([
            Case("{{$title}}Default title{{/title}}\n", [:], "Default title\n"),
            Case("{{$foo}}default {{bar}} {{{baz}}} content{{/foo}}\n", ["bar": .text("<baz>"), "baz": .text("<baz>")], "default &lt;baz&gt; <baz> content\n"),
            Case("{{$foo}}default {{#bar}}{{baz}}{{/bar}}{{^bar}}no{{/bar}} content{{/foo}}\n", ["bar": nest("baz", .text("{{qux}}"))], "default {{qux}} content\n"),
            Case("{{<include}}{{/include}}\n", [:], "default content", ["include": "{{$foo}}default content{{/foo}}"]),
            Case("{{<super}}{{$title}}sub template title{{/title}}{{/super}}", [:], "...sub template title...", ["super": "...{{$title}}Default title{{/title}}..."]),
            Case("{{<include}}{{$var}}var in template{{/var}}{{/include}}", ["var": .text("var in data")], "var in template", ["include": "{{$var}}var in include{{/var}}"]),
            Case("{{<include}}{{/include}}", ["var": .text("var in data")], "var in include", ["include": "{{$var}}var in include{{/var}}"]),
            Case("test {{<parent}}{{$stuff}}override1{{/stuff}}{{/parent}} {{<parent}}{{$stuff}}override2{{/stuff}}{{/parent}}\n", [:],
                 "test |override1 default| |override2 default|\n", ["parent": "|{{$stuff}}...{{/stuff}}{{$default}} default{{/default}}|"]),
            Case("{{<parent}}{{$ballmer}}\npeaked\n\n:(\n{{/ballmer}}{{/parent}}", [:], "peaked\n\n:(\n", ["parent": "{{$ballmer}}peaking{{/ballmer}}"]),
            Case("{{<parent}}{{$nineties}}hammer time{{/nineties}}{{/parent}}", [:], "stop:\n  hammer time\n",
                 ["parent": "stop:\n  {{$nineties}}collaborate and listen{{/nineties}}\n"]),
            Case("{{<parent}}{{$stuff2}}override two{{/stuff2}}{{/parent}}", [:], "new default one, override two",
                 ["parent": "{{$stuff}}new default one{{/stuff}}, {{$stuff2}}new default two{{/stuff2}}"]),
            Case("{{>parent}}|{{<parent}}{{/parent}}", [:], "default content|default content", ["parent": "{{$foo}}default content{{/foo}}"]),
            Case("{{<parent}}{{$foo}}override{{/foo}}{{/parent}}", [:], "override override override don't recurse", [
                "parent": "{{$foo}}default content{{/foo}} {{$bar}}{{<parent2}}{{/parent2}}{{/bar}}",
                "parent2": "{{$foo}}parent2 default content{{/foo}} {{<parent}}{{$bar}}don't recurse{{/bar}}{{/parent}}",
            ]),
            // Nested parents: the override from furthest down wins, two levels up.
            Case("{{<parent}}{{$a}}c{{/a}}{{/parent}}", [:], "c", levels),
            Case("{{<parent}}{{/parent}}", [:], "p", levels),
            Case("{{<parent}} asdfasd {{$foo}}hmm{{/foo}} asdfasdfasdf {{/parent}}", [:], "hmm", ["parent": "{{$foo}}default content{{/foo}}"]),
            Case("{{<parent}}{{$block}}I say {{fruit}}.{{/block}}{{/parent}}", ["fruit": .text("apples"), "nested": nest("fruit", .text("bananas"))],
                 "I say bananas.", ["parent": "{{#nested}}{{$block}}You say {{fruit}}.{{/block}}{{/nested}}"]),
            // Standalone parent and block tags, with indentation.
            Case("Hi,\n  {{<parent}}{{/parent}}\n", [:], "Hi,\n  one\n  two\n", ["parent": "one\ntwo\n"]),
            Case("{{<parent}}{{$block}}\none\ntwo{{/block}}\n{{/parent}}\n", [:], "Hi,\n  one\n  two\n", ["parent": "Hi,\n  {{$block}}{{/block}}\n"]),
            Case("{{<parent}}{{$block}}\n    one\n    two\n{{/block}}{{/parent}}\n", [:], "Hi,\n  one\n  two\n",
                 ["parent": "Hi,\n  {{$block}}\n  {{/block}}\n"]),
            Case("{{<layout}}\n{{$title}}Page{{/title}}\n  {{$main}}\n  <h1>{{title}}</h1>\n  <p>x</p>\n  {{/main}}\n{{/layout}}\n",
                 ["title": .text("T&C")], "<title>Page</title>\n<body>\n  <main>\n    <h1>T&amp;C</h1>\n    <p>x</p>\n  </main>\n</body>\n",
                 ["layout": "<title>{{$title}}Site{{/title}}</title>\n<body>\n  <main>\n    {{$main}}\n    default\n    {{/main}}\n  </main>\n</body>\n"]),
            Case("<div>\n  {{<p}}{{$a}}\n    one\n    {{x}}\n  {{/a}}{{/p}}\n</div>\n", ["x": .text("two")], "<div>\n  <p>\n    one\n    two\n  </p>\n</div>\n",
                 ["p": "<p>\n  {{$a}}\n  {{/a}}\n</p>\n"]),
            Case("{{<*name}}{{$a}}o{{/a}}{{/*name}}|{{<p}}{{$a}}[{{$b}}x{{/b}}]{{/a}}{{/p}}", ["name": .text("p")], "<o>|<[x]>", ["p": "<{{$a}}A{{/a}}>"]),
            Case("{{<middle}}{{$b}}child{{/b}}{{/middle}}", [:], "[child|mid]",
                 ["middle": "{{<base}}{{$c}}mid{{/c}}{{/base}}", "base": "[{{$b}}base b{{/b}}|{{$c}}base c{{/c}}]"]),
        ])
    }

    @Test func transforms() {
        let list = texts("a", "b", "c")
        let people = TemplateValue.list([nest("name", .text("Ann")), nest("name", .text("Bo"))])
        check([
            Case("{{count(list)}} {{count(none)}} {{count(o)}} {{plusone(count(list))}}",
                 ["list": list, "none": .list([]), "o": .object(["x": .int(1), "y": .int(2)])], "3 0 2 4"),
            Case("{{#empty(list)}}none{{/empty(list)}}{{^empty(list)}}some{{/empty(list)}}", ["list": .list([])], "none"),
            Case("{{#empty(list)}}none{{/empty(list)}}{{^empty(list)}}some{{/empty(list)}}", ["list": list], "some"),
            Case("{{empty(s)}} {{empty(t)}} {{empty(o)}}", ["s": .text(""), "t": .text("x"), "o": .object([:])], "true false true"),
            Case("{{first(list)}} {{#first(people)}}{{name}}{{/first(people)}} {{uppercased(first(list))}}", ["list": list, "people": people], "a Ann A"),
            Case("[{{#first(none)}}x{{/first(none)}}{{^first(none)}}none{{/first(none)}}]", ["none": .list([])], "[none]"),
            Case("{{#reversed(list)}}{{.}}{{/reversed(list)}} {{#reversed(people)}}{{name}}{{/reversed(people)}}", ["list": list, "people": people], "cba BoAnn"),
            Case("{{reversed(s)}} {{uppercased(s)}} {{{uppercased(s)}}}", ["s": .text("a<b&")], "&amp;b&lt;a A&lt;B&amp; A<B&"),
            Case("{{plusone(n)}} {{#even(n)}}even{{/even(n)}}{{^even(n)}}odd{{/even(n)}} {{plusone(z)}} {{#even(z)}}even{{/even(z)}}",
                 ["n": .int(41), "z": .int(0)], "42 odd 1 even"),
            Case("{{#people}}{{uppercased(name)}}{{/people}}", ["people": people], "ANNBO"),
            Case("{{#sorted(o)}}{{key}}={{value}};{{/sorted(o)}} {{last(l)}}", ["o": .object(["b": .int(2), "a": .int(1)]), "l": texts("b", "a")], "a=1;b=2; a"),
            Case("{{capitalized(s)}}|{{lowercased(s)}}|{{minusone(n)}} {{odd(n)}} {{equalzero(n)}}", ["s": .text("hello wORLD"), "n": .int(0)],
                 "Hello World|hello world|-1 false true"),
            // A transform that does not apply, or applied to nothing, shows nothing (swift-mustache
            // sorts only lists of comparable elements, and the site's lists held Any).
            Case("[{{uppercased(n)}}|{{count(s)}}|{{plusone(s)}}|{{first(none)}}|{{count(nope)}}|{{uppercased(m)}}|{{plusone(d)}}|{{even(b)}}]",
                 ["n": .int(1), "s": .text("s"), "none": .list([]), "m": .missing, "d": .double(1), "b": .bool(true)], "[|||||||]"),
            Case("[{{#sorted(l)}}{{.}}{{/sorted(l)}}|{{sorted(l)}}]", ["l": texts("b", "a")], "[|]"),
            Case("[{{uppercased(h)}}|{{#empty(m)}}x{{/empty(m)}}|{{^empty(m)}}y{{/empty(m)}}]", ["h": html("<b>"), "m": .missing], "[||y]"),
        ])
    }

    @Test func sequenceTransforms() {
        let list = texts("a", "b", "c")
        check([
            Case("{{#list}}{{^first()}}, {{/first()}}{{.}}{{/list}}", ["list": list], "a, b, c"),
            Case("{{#list}}{{.}}{{#last()}}.{{/last()}}{{^last()}};{{/last()}}{{/list}}", ["list": list], "a;b;c."),
            Case("{{#list}}{{index()}}:{{plusone(index())}}{{#even()}}e{{/even()}}{{#odd()}}o{{/odd()}} {{/list}}", ["list": list], "0:1e 1:2o 2:3e "),
            Case("{{#list}}{{#first()}}[{{/first()}}{{.}}{{#last()}}]{{/last()}}{{/list}}", ["list": texts("only")], "[only]"),
            Case("{{#reversed(list)}}{{index()}}{{.}}{{/reversed(list)}}", ["list": list], "0c1b2a"),
            Case("{{#rows}}{{#cells}}{{index()}}{{/cells}}|{{index()}};{{/rows}}", ["rows": .list([nest("cells", ints(7, 8)), nest("cells", ints(9))])], "01|0;0|1;"),
            // Outside a list there is no position: nothing, and false.
            Case("[{{index()}}{{#first()}}x{{/first()}}{{^first()}}y{{/first()}}]", [:], "[y]"),
            // swift-mustache keeps the position inside a true boolean's section but not inside an
            // object's, a partial or a block (the spec has no positions).
            Case("{{#list}}{{#flag}}{{index()}}{{/flag}}{{^off}}{{index()}}{{/off}}{{#o}}[{{index()}}]{{/o}}{{/list}}",
                 ["list": .list([.object(["flag": .bool(true), "off": .bool(false), "o": .object([:])]), .object(["flag": .bool(true), "o": .object([:])])])], nil),
            Case("{{#list}}({{>p}}{{$b}}{{index()}}{{/b}}){{/list}}", ["list": list], nil, ["p": "{{index()}}"]),
        ])
    }

    @Test func unknownTemplate() throws {
        let templates = ["main": "x"]
        let oracle = MustacheLibrary(templates: try templates.mapValues { try MustacheTemplate(string: $0) })
        #expect(oracle.render([String: Any](), withTemplate: "other") == nil)
        let set = TemplateSet(try templates.mapValues { try Template(parsing: $0) })
        #expect(set.render("other", .object([:])) == nil)
        #expect(set.render("main", .object([:])) == "x")
    }

    @Test func syntaxErrors() {
        // Each error is on the given line, wherever on it the engine reports it.
        let cases: [(String, Int)] = [
            // Unclosed sections, mismatched close tags.
            ("line one\nline two {{#section}} never closed", 2), ("a\n{{#a}}\nb\n{{/b}}\n{{/a}}\n", 4), ("a\n{{^a}}b{{/b}}{{/a}}\n", 2),
            ("a\n{{#list}}{{/reversed(list)}}", 2), ("one\ntwo\n{{/never-opened}}", 3),
            // Unfinished tags, and a tag that is not allowed in a parent.
            ("a\nb {{name", 2), ("a\nb {{name}", 2), ("a\nb {{{name}}", 2), ("a\n{{#s}}{{/s", 2), ("a\n\n{{! never closed", 3),
            ("a\n{{first name}}\n", 2), ("{{=<% %>=}}\n<%x}}", 2), ("a\n{{<parent}}text {{x}}{{/parent}}", 2),
        ]
        for (text, line) in cases {
            #expect(throws: (any Error).self, "swift-mustache: \(text.debugDescription)") { try MustacheTemplate(string: text) }
            let error = #expect(throws: TemplateSyntaxError.self, "\(text.debugDescription)") { try Template(parsing: text) }
            #expect(error?.line == line, "line of \(text.debugDescription)")
            #expect((error?.column ?? 0) >= 1, "column of \(text.debugDescription)")
        }
    }
}
