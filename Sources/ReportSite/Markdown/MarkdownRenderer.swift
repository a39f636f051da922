import CCmarkGFM
import Foundation

/// Turns a document body into HTML with cmark-gfm. The only type that touches
/// the C library (STYLE.md: wrap it once).
///
/// GFM extensions: table, strikethrough, autolink, tagfilter, tasklist. Safe
/// mode: author HTML is removed (and reported), never passed through.
public enum MarkdownRenderer {
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// Smart punctuation for typographic quotes and dashes; table alignment as
    /// `style` (cmark's default `align=` attribute is obsolete HTML).
    static let cmarkOptions = CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES

    /// `cmark_gfm_core_extensions_ensure_registered` is not thread-safe; a
    /// static let runs it exactly once, before any parse.
    private static let registration: Void = cmark_gfm_core_extensions_ensure_registered()

    /// `cmark_parser_finish` flips process-wide tables inside cmark-gfm: two
    /// threads finishing at once silently produce wrong HTML. Parsing is
    /// serialised; walking and rendering the tree stay parallel.
    private static let parseLock = NSLock()

    /// Renders `text`, whose first line is line `firstLine` of `file`.
    public static func render(
        _ text: String, file: String, firstLine: Int = 1, options: MarkdownOptions = MarkdownOptions()
    ) -> RenderedMarkdown {
        _ = registration
        guard let parser = cmark_parser_new(cmarkOptions) else { fatalError("cmark_parser_new failed: out of memory") }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            guard let ext = cmark_find_syntax_extension(name) else { fatalError("cmark-gfm extension '\(name)' missing") }
            cmark_parser_attach_syntax_extension(parser, ext)
        }
        let root: OpaquePointer = parseLock.withLock {
            var bytes = Array(text.utf8)
            if bytes.isEmpty { return cmark_parser_finish(parser) }
            bytes.withUnsafeMutableBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) {
                    cmark_parser_feed(parser, $0, buffer.count)
                }
            }
            return cmark_parser_finish(parser)
        }
        defer { cmark_node_free(root) }
        cmark_consolidate_text_nodes(root)

        let extensions = cmark_parser_get_syntax_extensions(parser)
        var rewriter = TreeRewriter(
            root: root, locator: SourceLocator(text: text, file: file, firstLine: firstLine), options: options,
            extensions: extensions)
        rewriter.run()

        var blocks: [RenderedBlock] = []
        var node = cmark_node_first_child(root)
        while let current = node {
            let html = renderHTML(current, extensions)
            blocks.append(RenderedBlock(
                html: TrustedHTML(html), heading: rewriter.headingsByNode[current],
                callout: rewriter.calloutsByNode[current],
                position: rewriter.replacedPositions[current] ?? rewriter.locator.position(of: current)))
            node = cmark_node_next(current)
        }
        return RenderedMarkdown(
            blocks: blocks, headings: rewriter.headings, numberedParagraphs: rewriter.numberedParagraphs,
            links: rewriter.links, charts: rewriter.charts, diagnostics: rewriter.diagnostics)
    }

    static func renderHTML(_ node: OpaquePointer, _ extensions: UnsafeMutablePointer<cmark_llist>?) -> String {
        guard let cString = cmark_render_html(node, cmarkOptions, extensions) else { return "" }
        defer { free(cString) }
        return String(cString: cString)
    }
}

/// Converts cmark's byte-based positions into file positions (line, scalar column).
struct SourceLocator {
    let text: String
    /// UTF-8 offset where each line starts (found by bytes: splitting the
    /// text into Character lines cost a third of rendering a body).
    let lineStarts: [Int]
    let file: String
    let firstLine: Int

    init(text: String, file: String, firstLine: Int) {
        var starts = [0]
        var text = text
        text.withUTF8 { bytes in
            // `memchr` rather than a loop over the UTF-8 view, which was 1.5 % of a clean build.
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count, let newline = memchr(base + offset, Int32(UInt8(ascii: "\n")), bytes.count - offset) {
                offset = base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(offset)
            }
        }
        self.text = text
        self.lineStarts = starts
        self.file = file
        self.firstLine = firstLine
    }

    func position(of node: OpaquePointer) -> SourcePosition {
        let line = Int(cmark_node_get_start_line(node))
        let byteColumn = Int(cmark_node_get_start_column(node))
        var column = max(1, byteColumn)
        if line >= 1, line <= lineStarts.count {
            let utf8 = text.utf8
            let lineStart = utf8.index(utf8.startIndex, offsetBy: lineStarts[line - 1])
            let lineEnd = line < lineStarts.count ? utf8.index(utf8.startIndex, offsetBy: lineStarts[line] - 1) : utf8.endIndex
            let prefix = utf8[lineStart..<lineEnd].prefix(max(0, byteColumn - 1))
            column = (String(decoding: prefix, as: UTF8.self).unicodeScalars.count) + 1
        }
        return SourcePosition(line: firstLine + max(line, 1) - 1, column: column)
    }
}
