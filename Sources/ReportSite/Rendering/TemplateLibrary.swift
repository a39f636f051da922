import Mustache

/// The site's Mustache templates (`Templates/*.mustache`), checked on load.
///
/// Escaping is decided by type: `{{name}}` escapes; the unescaped forms
/// `{{{name}}}` and `{{& name}}` are only allowed for names ending in `HTML`,
/// and only `TrustedHTML` values are given such names by the page contexts.
/// A template that breaks the rule is an error, not a silent XSS hole.
public struct TemplateLibrary: Sendable {
    public static let folder = "Templates"
    static let required = [
        "home", "list", "meeting", "report", "response", "page", "history", "redirect", "recommendations", "actions", "publication-scheme", "link-index", "open-data", "search", "trends", "trend", "not-found",
    ]

    let library: MustacheLibrary

    /// Loads and checks every template; nil after reporting problems.
    public static func load(
        from fileSystem: FileSystem, diagnostics: inout DiagnosticBag, sources: inout [String: SourceFile]
    ) -> TemplateLibrary? {
        HTMLEscaping.register()
        var library = MustacheLibrary()
        var names: Set<String> = []
        let paths = ((try? fileSystem.files(under: folder)) ?? []).filter { $0.hasSuffix(".mustache") }
        let errorsBefore = diagnostics.errorCount
        for path in paths {
            let name = String(path.dropFirst(folder.count + 1).dropLast(".mustache".count))
            do {
                let source = try fileSystem.readText(path)
                sources[path] = source
                checkEscaping(source, into: &diagnostics)
                let template = try MustacheTemplate(string: HTMLEscaping.pragma + source.text)
                library.register(template, named: name)
                names.insert(name)
            } catch let error as MustacheTemplate.ParserError {
                // One line less: the pragma line is not the author's.
                diagnostics.error(path, SourcePosition(line: max(error.context.lineNumber - 1, 1), column: error.context.columnNumber),
                    "template syntax error: \(error.error)")
            } catch {
                diagnostics.append(ContentLoader.asDiagnostic(error, path: path))
            }
        }
        for name in required where !names.contains(name) {
            diagnostics.error("\(folder)/\(name).mustache", nil, "missing template '\(name)'",
                note: "every site needs: \(required.map { "\($0).mustache" }.joined(separator: ", "))")
        }
        guard diagnostics.errorCount == errorsBefore else { return nil }
        return TemplateLibrary(library: library)
    }

    /// Renders `context` with the named template.
    func render(_ template: String, _ context: Any) -> String? {
        library.render(context, withTemplate: template)
    }

    /// Reports unescaped output of values that are not trusted HTML, and
    /// escaped output of trusted HTML (which would show tags as text).
    static func checkEscaping(_ source: SourceFile, into diagnostics: inout DiagnosticBag) {
        for (index, line) in source.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let afterOpen = rest[open.upperBound...]
                let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                let position = SourcePosition(line: index + 1, column: column)
                if afterOpen.hasPrefix("{"), let close = afterOpen.range(of: "}}}") {
                    checkUnescaped(String(afterOpen[afterOpen.index(after: afterOpen.startIndex)..<close.lowerBound]),
                        source.path, position, &diagnostics)
                    rest = afterOpen[close.upperBound...]
                } else if let close = afterOpen.range(of: "}}") {
                    let tag = afterOpen[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                    if tag.hasPrefix("&") {
                        checkUnescaped(String(tag.dropFirst()), source.path, position, &diagnostics)
                    } else if let first = tag.first, !"#^/!>$<=%".contains(first), isTrustedName(tag) {
                        diagnostics.error(source.path, position, "'{{\(tag)}}' escapes trusted HTML, so readers would see its tags",
                            note: "write {{{\(tag)}}}")
                    }
                    rest = afterOpen[close.upperBound...]
                } else {
                    break
                }
            }
        }
    }

    private static func checkUnescaped(_ name: String, _ path: String, _ position: SourcePosition, _ diagnostics: inout DiagnosticBag) {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !isTrustedName(name) else { return }
        diagnostics.error(path, position, "'\(name)' is written without escaping",
            note: "only values whose names end in 'HTML' are trusted HTML; write {{\(name)}} so it is escaped")
    }

    static func isTrustedName(_ name: String) -> Bool {
        (name.split(separator: ".").last ?? "").hasSuffix("HTML")
    }
}

/// The escaping `{{name}}` gets: the same five characters as swift-mustache's
/// own HTML content type, replaced over UTF-8 bytes (`escapeHTML`) rather
/// than by a dictionary lookup per Character, which was a tenth of a build.
/// swift-mustache takes a content type only from a pragma, so every template
/// starts with one; partials reset it, and each partial has its own.
struct HTMLEscaping: MustacheContentType {
    static let name = "REPORTSITE_HTML"
    /// On a line of its own, which Mustache drops from the output.
    static let pragma = "{{% CONTENT_TYPE: \(name) }}\n"

    func escapeText(_ text: String) -> String { escapeHTML(text) }

    /// Registers the content type once (the registry is not thread-safe).
    static func register() { _ = registered }
    private static let registered: Void = MustacheContentTypes.register(HTMLEscaping(), named: name)
}

extension TrustedHTML: MustacheCustomRenderable {
    public var renderText: String { html }
    public var isNull: Bool { html.isEmpty }
}
