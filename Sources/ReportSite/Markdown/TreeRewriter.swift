import CCmarkGFM

/// Walks a parsed cmark tree once and rewrites what reportsite adds to
/// Markdown: heading ids, numbered-section anchors, callouts; and removes
/// (and reports) author HTML.
///
/// cmark's safe mode would only replace author HTML with a comment; removing it
/// keeps the output clean, and the warning tells the author why it vanished.
/// Trusted markup is injected as `CUSTOM_BLOCK`/`CUSTOM_INLINE` nodes, whose
/// on-enter/on-exit text cmark writes verbatim.
struct TreeRewriter {
    let root: OpaquePointer
    let locator: SourceLocator
    let options: MarkdownOptions
    /// The parser's extensions, needed to render a heading's inline content.
    let extensions: UnsafeMutablePointer<cmark_llist>?

    private(set) var headings: [Heading] = []
    private(set) var headingsByNode: [OpaquePointer: Heading] = [:]
    private(set) var calloutsByNode: [OpaquePointer: Callout] = [:]
    /// Source positions of nodes we replaced (new nodes have none of their own).
    private(set) var replacedPositions: [OpaquePointer: SourcePosition] = [:]
    private(set) var numberedParagraphs: [NumberedParagraph] = []
    private(set) var links: [MarkdownLink] = []
    private(set) var charts: [ChartBlock] = []
    private(set) var diagnostics: [Diagnostic] = []
    private var usedIDs: [String: SourcePosition] = [:]
    private var questionCount = 0

    init(root: OpaquePointer, locator: SourceLocator, options: MarkdownOptions, extensions: UnsafeMutablePointer<cmark_llist>?) {
        self.root = root
        self.locator = locator
        self.options = options
        self.extensions = extensions
    }

    mutating func run() {
        // Collect first: rewriting while iterating would invalidate the iterator.
        var headingNodes: [OpaquePointer] = []
        var paragraphs: [OpaquePointer] = []
        var quotes: [OpaquePointer] = []
        var html: [OpaquePointer] = []
        var linkNodes: [OpaquePointer] = []
        var tables: [OpaquePointer] = []
        var codeBlocks: [OpaquePointer] = []
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING: headingNodes.append(node)
            case CMARK_NODE_PARAGRAPH: paragraphs.append(node)
            case CMARK_NODE_BLOCK_QUOTE: quotes.append(node)
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE: html.append(node)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE: linkNodes.append(node)
            case CMARK_NODE_CODE_BLOCK: codeBlocks.append(node)
            // Compared by value, not by the type's name made into a string
            // for each of the 1.8 million nodes of the benchmark's documents.
            case CMARK_NODE_TABLE: tables.append(node)
            default: break
            }
        }
        for node in html { removeAuthorHTML(node) }
        // Links first: a heading is re-rendered below and must see resolved URLs.
        for node in linkNodes { resolveLink(node) }
        for node in headingNodes { rewriteHeading(node) }
        if options.numberedSections {
            for node in paragraphs { anchorNumberedParagraph(node) }
        }
        for node in quotes { rewriteCallout(node) }
        for node in tables { rewriteTable(node) }
        for node in codeBlocks { rewriteChart(node) }
    }

    // MARK: - Charts

    /// A fenced block whose info string starts with `chart` becomes a chart placeholder.
    private mutating func rewriteChart(_ node: OpaquePointer) {
        let info = String(cString: cmark_node_get_fence_info(node)).trimmingCharacters(in: .whitespaces)
        guard info == "chart" || info.hasPrefix("chart ") else { return }
        let position = locator.position(of: node)
        switch ChartBlock.parse(info: info, body: String(cString: cmark_node_get_literal(node)), position: position, file: locator.file) {
        case let .success(block):
            charts.append(block)
            let replacement = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!
            cmark_node_set_on_enter(replacement, block.placeholder)
            cmark_node_replace(node, replacement)
            cmark_node_free(node)
            replacedPositions[replacement] = position
        case let .failure(diagnostic):
            diagnostics.append(diagnostic)
        }
    }

    // MARK: - Tables

    /// Gives a table its caption and header scopes. The caption is a paragraph
    /// `Table: …` just before the table (pandoc's convention); the paragraph
    /// is removed. cmark writes `<th>` without `scope`, which screen readers
    /// and the checkers want.
    private mutating func rewriteTable(_ node: OpaquePointer) {
        var caption: String?
        if let previous = cmark_node_previous(node), cmark_node_get_type(previous) == CMARK_NODE_PARAGRAPH,
            let first = cmark_node_first_child(previous), cmark_node_get_type(first) == CMARK_NODE_TEXT,
            String(cString: cmark_node_get_literal(first)).hasPrefix("Table: ")
        {
            let literal = String(cString: cmark_node_get_literal(first))
            cmark_node_set_literal(first, String(literal.dropFirst("Table: ".count)))
            var rendered = MarkdownRenderer.renderHTML(previous, extensions)
            if rendered.hasPrefix("<p>") { rendered.removeFirst(3) }
            while rendered.hasSuffix("\n") { rendered.removeLast() }
            if rendered.hasSuffix("</p>") { rendered.removeLast(4) }
            caption = rendered
            cmark_node_unlink(previous)
            cmark_node_free(previous)
        }
        var html = MarkdownRenderer.renderHTML(node, extensions)
            .replacingBytes("<th>", with: "<th scope=\"col\">")
            .replacingBytes("<th style=", with: "<th scope=\"col\" style=")
        if let caption, html.hasPrefix("<table>") {
            html = "<table>\n<caption>\(caption)</caption>" + html.dropFirst("<table>".count)
        }
        while html.hasSuffix("\n") { html.removeLast() }
        let position = locator.position(of: node)
        let replacement = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!
        cmark_node_set_on_enter(replacement, html)
        cmark_node_replace(node, replacement)
        cmark_node_free(node)
        replacedPositions[replacement] = position
        if caption == nil {
            diagnostics.append(.warning(locator.file, position, "this table has no caption",
                note: "put a line 'Table: what the table shows' just above it, so screen-reader users know what it is"))
        }
    }

    // MARK: - Author HTML

    private mutating func removeAuthorHTML(_ node: OpaquePointer) {
        let position = locator.position(of: node)
        let isBlock = cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK
        let literal = String(cString: cmark_node_get_literal(node)).trimmingCharacters(in: .whitespacesAndNewlines)
        var snippet = String(literal.prefix { $0 != "\n" })
        if snippet.count > 40 { snippet = String(snippet.prefix(40)) + "…" }
        diagnostics.append(.warning(locator.file, position, "HTML in Markdown is not published: '\(snippet)' was removed",
            note: isBlock ? "use Markdown instead (tables, lists and emphasis are supported)" : "use Markdown emphasis or links instead"))
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    // MARK: - Links

    /// Turns links to documents (`reports/x.md#section-2`) into their page
    /// URLs, reports ones to documents that do not exist, and records every
    /// link so the build can check its target once all pages exist.
    private mutating func resolveLink(_ node: OpaquePointer) {
        let url = String(cString: cmark_node_get_url(node))
        let position = locator.position(of: node)
        let isImage = cmark_node_get_type(node) == CMARK_NODE_IMAGE
        var href = url
        if LinkTarget.isDocumentPath(url) {
            let (path, fragment) = LinkTarget.split(url)
            switch options.documentLink(path) {
            case let .page(sitePath):
                href = sitePath + (fragment.map { "#" + $0 } ?? "")
            case let .missing(note):
                diagnostics.append(.error(locator.file, position, "the link to '\(path)' points at no document",
                    note: note ?? "link to another document by its path under Content/, e.g. reports/2017-09-01-ap17-47.md"))
                links.append(MarkdownLink(href: url, isImage: isImage, position: position, isReported: true))
                return
            }
        }
        if href.hasPrefix("/"), !href.hasPrefix("//") {
            href = options.basePath + href.dropFirst()
        }
        if href != url { cmark_node_set_url(node, href) }
        links.append(MarkdownLink(href: href, isImage: isImage, position: position))
    }

    // MARK: - Headings

    private mutating func rewriteHeading(_ node: OpaquePointer) {
        let level = Int(cmark_node_get_heading_level(node))
        let text = plainText(of: node)
        let position = locator.position(of: node)
        var id: String
        if options.questionHeadings, level == 2 {
            questionCount += 1
            id = "question-\(questionCount)"
        } else if options.numberedSections, let (number, _) = HeadingSlug.sectionNumber(in: text, requireSubsection: false) {
            id = HeadingSlug.sectionAnchor(number)
            if let first = usedIDs[id] {
                diagnostics.append(.error(locator.file, position, "section \(number) is numbered twice (first at line \(first.line))",
                    note: "section numbers become permanent anchors (#\(id)); give each section its own number"))
            }
        } else {
            id = HeadingSlug.make(text)
        }
        id = unique(id, at: position)
        let heading = Heading(level: level, text: text, id: id, position: position)
        headings.append(heading)
        // Render the heading as cmark would, then add the id to its opening tag.
        // (A custom block around the children would put line breaks inside the element.)
        var rendered = MarkdownRenderer.renderHTML(node, extensions)
        let openTag = "<h\(level)>"
        if rendered.hasPrefix(openTag) { rendered.removeFirst(openTag.count) }
        let replacement = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!
        cmark_node_set_on_enter(replacement, "<h\(level) id=\"\(id)\">" + rendered)
        cmark_node_replace(node, replacement)
        cmark_node_free(node)
        headingsByNode[replacement] = heading
        replacedPositions[replacement] = position
    }

    /// Claims `id`, suffixing `-2`, `-3`, … when it is already used.
    private mutating func unique(_ id: String, at position: SourcePosition) -> String {
        var candidate = id
        var n = 2
        while usedIDs[candidate] != nil {
            candidate = "\(id)-\(n)"
            n += 1
        }
        usedIDs[candidate] = position
        return candidate
    }

    // MARK: - Numbered paragraphs

    private mutating func anchorNumberedParagraph(_ node: OpaquePointer) {
        guard let first = cmark_node_first_child(node), cmark_node_get_type(first) == CMARK_NODE_TEXT,
            let literal = cmark_node_get_literal(first),
            // Most paragraphs do not start with a digit: no string is made for them.
            (0x30...0x39).contains(UInt8(bitPattern: literal.pointee))
        else { return }
        let text = String(cString: literal)
        guard let (number, rest) = HeadingSlug.sectionNumber(in: text, requireSubsection: true) else { return }
        let position = locator.position(of: node)
        let id = HeadingSlug.sectionAnchor(number)
        if let previous = usedIDs[id] {
            diagnostics.append(.error(locator.file, position, "section \(number) is numbered twice (first at line \(previous.line))",
                note: "section numbers become permanent anchors (#\(id)); give each paragraph its own number"))
            return
        }
        usedIDs[id] = position
        numberedParagraphs.append(NumberedParagraph(number: number, id: id, position: position))
        cmark_node_set_literal(first, String(rest))
        let marker = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
        cmark_node_set_on_enter(marker, "<span class=\"section-number\" id=\"\(id)\">\(number)</span> ")
        cmark_node_prepend_child(node, marker)
    }

    // MARK: - Callouts

    private mutating func rewriteCallout(_ node: OpaquePointer) {
        let position = locator.position(of: node)
        guard let paragraph = cmark_node_first_child(node), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
            let first = cmark_node_first_child(paragraph), cmark_node_get_type(first) == CMARK_NODE_TEXT
        else { return }
        let text = String(cString: cmark_node_get_literal(first))
        guard text.hasPrefix("[!"), let close = text.firstIndex(of: "]") else { return }
        let marker = String(text[text.index(text.startIndex, offsetBy: 2)..<close])
        guard let callout = Callout(rawValue: marker.uppercased()) else {
            diagnostics.append(.error(locator.file, position, "unknown callout '[!\(marker)]'",
                note: Suggestion.note(for: marker.uppercased(), in: Callout.allCases.map(\.rawValue))
                    ?? "known callouts: " + Callout.allCases.map { "[!\($0.rawValue)]" }.joined(separator: ", ")))
            return
        }
        let rest = text[text.index(after: close)...].drop { $0 == " " }
        if rest.isEmpty {
            // Drop the marker line and the line break after it.
            if let next = cmark_node_next(first), cmark_node_get_type(next) == CMARK_NODE_SOFTBREAK
                || cmark_node_get_type(next) == CMARK_NODE_LINEBREAK
            {
                cmark_node_unlink(next)
                cmark_node_free(next)
            }
            cmark_node_unlink(first)
            cmark_node_free(first)
            if cmark_node_first_child(paragraph) == nil {
                cmark_node_unlink(paragraph)
                cmark_node_free(paragraph)
            }
        } else {
            cmark_node_set_literal(first, String(rest))
        }
        let open = "<div class=\"callout callout--\(callout.cssModifier)\" role=\"note\">\n"
            + "<p class=\"callout__label\">\(callout.label)</p>\n"
        let replacement = wrap(node, open: open, close: "</div>\n")
        calloutsByNode[replacement] = callout
        replacedPositions[replacement] = position
    }

    // MARK: - Helpers

    /// Replaces `node` with a custom block that writes `open`, the node's
    /// children, then `close`. Returns the new node.
    private func wrap(_ node: OpaquePointer, open: String, close: String) -> OpaquePointer {
        let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!
        cmark_node_set_on_enter(block, open)
        cmark_node_set_on_exit(block, close)
        while let child = cmark_node_first_child(node) {
            cmark_node_unlink(child)
            cmark_node_append_child(block, child)
        }
        cmark_node_replace(node, block)
        cmark_node_free(node)
        return block
    }

    /// The text of a node's inline content (for heading ids and titles).
    private func plainText(of node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                text += String(cString: cmark_node_get_literal(child))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default: break
            }
        }
        return text
    }
}
