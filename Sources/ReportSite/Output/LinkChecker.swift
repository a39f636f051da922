import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Checks every internal link of the rendered site: the page (or asset) must
/// exist and a `#fragment` must name an id on it. Each broken link is reported
/// where it was written: in a document's Markdown, in site.yml, or in a template.
struct LinkChecker {
    let graph: SiteGraph
    let files: [OutputFile]
    let templateSources: [SourceFile]
    /// The last build, whose links all resolved: its unchanged pages need not be read again.
    let previous: PreviousOutput?
    /// Pages this big (trackers, long lists) are read first (see `ParallelMap`).
    static let largePage = 256 * 1024

    /// Output path → the ids on that page, read when a link first needs them.
    private let ids = Memo<String, Set<String>>()
    /// Absolute links already checked: the same nav, footer and list links
    /// are on thousands of pages, and their answer does not depend on the page.
    private let absolute = Memo<String, LinkProblem?>()
    /// Output path → position in `files` (not a copy of each file: a
    /// dictionary of 30,000 copies was a tenth of a one-document build's link check).
    private let filesByPath: [String: Int]

    /// Files of the site that are not in `files` and stay as the last build
    /// left them (a quick build's other 30,000): where they are, read when a
    /// link needs their ids, and which there are.
    struct Kept: Sendable {
        /// The output folder, ending in "/".
        let folder: String
        /// Whether the site has a kept file at an output path.
        let contains: @Sendable (String) -> Bool
    }

    private let kept: Kept?

    init(graph: SiteGraph, files: [OutputFile], templateSources: [SourceFile], previous: PreviousOutput? = nil, kept: Kept? = nil) {
        self.graph = graph
        self.files = files
        self.templateSources = templateSources
        self.previous = previous
        self.kept = kept
        filesByPath = Dictionary(files.indices.map { (files[$0].path, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Whether the site has a file at output path `path`.
    private func exists(_ path: String) -> Bool {
        filesByPath.keys.contains(path) || kept?.contains(path) == true
    }

    /// The ids on the page at output path `path` (nil for files that are not pages).
    func ids(on path: String) -> Set<String>? {
        guard path.hasSuffix(".html") else { return nil }
        if let index = filesByPath[path] {
            return ids.value(for: path) { Set(HTMLScan.attributeValues("id", in: files[index].contents())) }
        }
        guard let kept, kept.contains(path) else { return nil }
        return ids.value(for: path) { Set(HTMLScan.attributeValues("id", in: FileManager.default.contents(atPath: kept.folder + path) ?? Data())) }
    }

    /// The pages whose links must be read: every page, or, after a build
    /// whose links all resolved, only the pages whose bytes changed. That
    /// holds while no page of that build is gone and no changed page lost
    /// an id, since an unchanged page's links are the same links as before.
    func pagesToRead(_ pages: [OutputFile]) -> [OutputFile] {
        Self.pages(pages, among: changedPages(pages))
    }

    /// The pages in `changed`, or all of them when that is nil.
    private static func pages(_ pages: [OutputFile], among changed: Set<String>?) -> [OutputFile] {
        changed.map { changed in pages.filter { changed.contains($0.path) } } ?? pages
    }

    /// The paths of the pages that changed since a build whose links all
    /// resolved; nil when every page must be checked (see `pagesToRead`).
    func changedPages(_ pages: [OutputFile]) -> Set<String>? {
        // The manifest is made after the link check, and no link needs it.
        guard let previous, previous.paths.allSatisfy({ exists($0) || $0 == Manifest.path }) else { return nil }
        let changed = pages.filter { page in previous.sha256(of: page.path) != (page.sha256 ?? IntegrityLock.sha256(page.data)) }
        for page in changed where previous.sha256(of: page.path) != nil {
            guard let old = previous.contents(of: page.path),
                Set(HTMLScan.attributeValues("id", in: old)).isSubset(of: ids(on: page.path) ?? [])
            else { return nil }
        }
        return Set(changed.map(\.path))
    }

    func check() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var explained: [String: Set<String>] = [:]  // page → hrefs whose source we know

        let pages = files.filter { $0.path.hasSuffix(".html") }
        let changed = changedPages(pages)
        // Each document's links, and each superseded version's, where they
        // were written; only on changed pages when the last build's links held.
        let versions = graph.documents.flatMap { document in
            document.versions.map { ($0.document, SiteGraph.path(of: document) + "v\($0.number)/") }
        }
        var written: [(document: Document, page: String)] = []
        for (document, sitePath) in graph.documents.map({ ($0, SiteGraph.path(of: $0)) }) + versions {
            let page = outputPath(ofSitePath: sitePath)
            if let changed, !changed.contains(page) { continue }
            written.append((document, page))
            for link in document.links where !LinkTarget.isExternal(link.href) {
                explained[page, default: []].insert(link.href)
            }
        }
        let statement = SiteConfig.Link(
            title: "accessibility statement", url: graph.config.accessibilityStatement,
            position: graph.config.accessibilityStatementPosition)
        let siteYMLLinks = (graph.config.navigation + graph.config.footerLinks + [statement]).filter { $0.url.hasPrefix("/") }
        let siteLinks = Set(siteYMLLinks.map { graph.href($0.url) })  // on every page

        // Links the templates wrote (everything not explained above): found on
        // every core, reported once each, in page order. The same pass reads
        // each page's ids, so the documents' `#fragment` links checked after
        // it find them read (checked first, one at a time, they read their
        // targets on one core while the other idled).
        let reading = Self.pages(pages, among: changed)
        let explainedHrefs = explained
        let found = ParallelMap.map(reading, slowFirst: { $0.byteCount > Self.largePage }) { file -> [(href: String, message: String, note: String?)] in
            let attributes = HTMLScan.attributeValues(["href", "src", "id"], in: file.contents())
            // The page's own ids, from the same read, for its `#fragment` links.
            _ = ids.value(for: file.path) { Set(attributes[2]) }
            let hrefs = attributes[0] + attributes[1]
            let explained = explainedHrefs[file.path] ?? []
            return hrefs.compactMap { href in
                guard !LinkTarget.isExternal(href), !siteLinks.contains(href), !explained.contains(href),
                    let problem = problem(with: href, on: file.path)
                else { return nil }
                return (href, problem.message, problem.note)
            }
        }

        for (document, page) in written {
            for link in document.links where !LinkTarget.isExternal(link.href) && !link.isReported {
                if let problem = problem(with: link.href, on: page) {
                    diagnostics.append(.error(document.path, link.position, problem.message, note: problem.note))
                }
            }
        }
        for link in siteYMLLinks {
            if let problem = problem(with: graph.href(link.url), on: "index.html") {
                diagnostics.append(.error("\(ContentLoader.contentFolder)/site.yml", link.position, problem.message, note: problem.note))
            }
        }
        var reported: Set<String> = []
        for (file, problems) in zip(reading, found) {
            for problem in problems where reported.insert(problem.href).inserted {
                let (template, position) = whereTemplateWrites(problem.href, fallback: file.template)
                diagnostics.append(.error(template, position, "a template link on \(file.path) is broken: \(problem.message)",
                    note: problem.note))
            }
        }
        return diagnostics
    }

    typealias LinkProblem = (message: String, note: String?)

    /// Why `href`, found on the page at output path `page`, does not resolve; nil when it does.
    func problem(with href: String, on page: String) -> LinkProblem? {
        guard href.hasPrefix("/") else { return findProblem(with: href, on: page) }
        return absolute.value(for: href) { findProblem(with: href, on: page) }
    }

    private func findProblem(with href: String, on page: String) -> LinkProblem? {
        let (pathPart, fragment) = LinkTarget.split(href)
        let target: String
        if pathPart.isEmpty {
            target = page
        } else if pathPart.hasPrefix("/") {
            guard pathPart.hasPrefix(graph.basePath) else {
                return ("'\(href)' is outside the site (its address must start with \(graph.basePath))", nil)
            }
            target = outputPath(ofSitePath: "/" + pathPart.dropFirst(graph.basePath.count))
        } else {
            let folder = page.split(separator: "/").dropLast().joined(separator: "/")
            target = outputPath(ofSitePath: "/" + DocumentIndex.normalise(folder + "/" + pathPart) + (pathPart.hasSuffix("/") ? "/" : ""))
        }
        guard exists(target) else {
            if graph.failedSitePaths.contains(where: { outputPath(ofSitePath: $0) == target }) { return nil }
            if graph.draftSitePaths.contains(where: { outputPath(ofSitePath: $0) == target }) {
                return ("the link to '\(href)' points at a draft, which is not published",
                    "publish the linked document first, or remove the link")
            }
            return ("the link to '\(href)' points at no page or file of the site",
                "link to a page by its path (e.g. /reports/), or to another document by its file (reports/2017-09-01-ap17-47.md)")
        }
        if let fragment, !fragment.isEmpty, let pageIDs = ids(on: target) {
            let id = Text.percentDecoded(fragment) ?? fragment
            if !pageIDs.contains(id) {
                return ("the link to '\(href)' points at no '#\(id)' on that page",
                    Suggestion.note(for: id, in: pageIDs.sorted()) ?? "anchors are made from headings and section numbers, e.g. #section-2-8")
            }
        }
        return nil
    }

    /// `/reports/x/` → `reports/x/index.html`; `/assets/site.css` → `assets/site.css`.
    func outputPath(ofSitePath sitePath: String) -> String {
        let path = (Text.percentDecoded(sitePath) ?? sitePath).drop { $0 == "/" }
        if path.isEmpty || path.hasSuffix("/") { return path + "index.html" }
        if exists(String(path)) { return String(path) }
        return exists(path + "/index.html") ? path + "/index.html" : String(path)
    }

    /// The template (and position) that writes `href` literally, else the page's own template.
    func whereTemplateWrites(_ href: String, fallback: String?) -> (String, SourcePosition?) {
        for source in templateSources {
            for (index, line) in source.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if let range = line.range(of: href) {
                    return (source.path, SourcePosition(line: index + 1, column: line.distance(from: line.startIndex, to: range.lowerBound) + 1))
                }
            }
        }
        return ("\(TemplateLibrary.folder)/\(fallback ?? "layout").mustache", SourcePosition(line: 1, column: 1))
    }
}

/// Values worked out once per key, by whichever thread first asks (two
/// threads asking at once may both work it out; the answers are the same).
final class Memo<Key: Hashable, Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var known: [Key: Value] = [:]

    func value(for key: Key, make: () -> Value) -> Value {
        if let value = lock.withLock({ known[key] }) { return value }
        let value = make()
        lock.withLock { known[key] = value }
        return value
    }
}

/// Reads attribute values out of our own generated HTML (always double-quoted).
/// Works on UTF-8 bytes: the link check reads every page of the site, and
/// searching Swift Strings character by character is many times slower.
enum HTMLScan {
    static func attributeValues(_ name: String, in html: String) -> [String] {
        attributeValues(name, in: Data(html.utf8))
    }

    static func attributeValues(_ name: String, in data: Data) -> [String] {
        attributeValues([name], in: data)[0]
    }

    /// The values of each of the attributes `names`, in one pass over the
    /// page. `memchr` finds each `=`, which is rare outside attributes;
    /// the name before it is compared only there. (A search for ` href="`
    /// stops at every `h` of the text, and each name was a pass of its own.)
    static func attributeValues(_ names: [String], in data: Data) -> [[String]] {
        let names = names.map { Array(" \($0)".utf8) }
        var values = [[String]](repeating: [], count: names.count)
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let base = bytes.baseAddress else { return }
            var next = 0
            while next < bytes.count, let hit = memchr(base + next, Int32(UInt8(ascii: "=")), bytes.count - next) {
                let equals = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                next = equals + 1
                guard next < bytes.count, bytes[next] == 0x22,
                    let which = names.firstIndex(where: { name in
                        equals >= name.count && memcmp(base + equals - name.count, name, name.count) == 0
                    })
                else { continue }
                let start = next + 1
                var end = start
                while end < bytes.count, bytes[end] != 0x22 { end += 1 }
                values[which].append(unescape(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)))
                next = end + 1
            }
        }
        return values
    }

    /// Whether `needle` occurs in `haystack`, comparing UTF-8 bytes.
    static func contains(_ needle: String, in haystack: String) -> Bool {
        var haystack = haystack
        let pattern = Array(needle.utf8)
        return haystack.withUTF8 { firstIndex(of: pattern, in: $0, from: 0) != nil }
    }

    static func contains(_ needle: String, in haystack: Data) -> Bool {
        let pattern = Array(needle.utf8)
        return haystack.withUnsafeBytes { firstIndex(of: pattern, in: $0.bindMemory(to: UInt8.self), from: 0) != nil }
    }

    /// Where `pattern` first occurs in `bytes` at or after `from`. `memchr`
    /// finds candidates for the pattern's second byte with vector
    /// instructions (the first is a space or `<` in most patterns, and
    /// everywhere in HTML); a byte loop over every page was 4 % of a clean build.
    private static func firstIndex(of pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard !pattern.isEmpty else { return from }
        guard let base = bytes.baseAddress else { return nil }
        let anchor = pattern.count > 1 ? 1 : 0
        var next = from + anchor
        return pattern.withUnsafeBytes { needle -> Int? in
            while next < bytes.count, let hit = memchr(base + next, Int32(pattern[anchor]), bytes.count - next) {
                let start = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - anchor
                if start + pattern.count <= bytes.count, memcmp(base + start, needle.baseAddress!, pattern.count) == 0 {
                    return start
                }
                next = start + anchor + 1
            }
            return nil
        }
    }

    /// The entities our HTML escapes text with, in the order they are
    /// undone (`&amp;` last, so `&amp;lt;` stays `&lt;`).
    static let entities = [("&quot;", "\""), ("&#39;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")]

    static func unescape(_ value: String) -> String {
        guard value.utf8.contains(UInt8(ascii: "&")) else { return value }
        return entities.reduce(value) { $0.replacing($1.0, with: $1.1) }
    }
}
