import Foundation

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

    let templates: TemplateSet

    /// Loads and checks every template; nil after reporting problems.
    public static func load(
        from fileSystem: FileSystem, diagnostics: inout DiagnosticBag, sources: inout [String: SourceFile]
    ) -> TemplateLibrary? {
        var templates: [String: Template] = [:]
        let paths = ((try? fileSystem.files(under: folder)) ?? []).filter { $0.hasSuffix(".mustache") }
        let errorsBefore = diagnostics.errorCount
        for path in paths {
            let name = String(path.dropFirst(folder.count + 1).dropLast(".mustache".count))
            do {
                let source = try fileSystem.readText(path)
                sources[path] = source
                checkEscaping(source, into: &diagnostics)
                templates[name] = try Template(parsing: source.text)
            } catch let error as TemplateSyntaxError {
                diagnostics.error(path, SourcePosition(line: error.line, column: error.column),
                    "template syntax error: \(error.message)")
            } catch {
                diagnostics.append(ContentLoader.asDiagnostic(error, path: path))
            }
        }
        // A partial or parent that names no template would render as
        // nothing: a typo would silently empty every list that uses it.
        for path in paths {
            if let source = sources[path] { checkPartials(source, known: Set(templates.keys), into: &diagnostics) }
        }
        for name in required where templates[name] == nil {
            diagnostics.error("\(folder)/\(name).mustache", nil, "missing template '\(name)'",
                note: "every site needs: \(required.map { "\($0).mustache" }.joined(separator: ", "))")
        }
        guard diagnostics.errorCount == errorsBefore else { return nil }
        return TemplateLibrary(templates: TemplateSet(templates))
    }

    /// Renders `context` with the named template.
    func render(_ template: String, _ context: TemplateValue) -> String? {
        templates.render(template, context)
    }

    /// As `render`, as the bytes of a page to write.
    func renderPage(_ template: String, _ context: TemplateValue) -> Data? {
        templates.renderPage(template, context)
    }

    /// A tag of a template's source: its text between the braces (trimmed),
    /// whether it is a triple mustache, and where it opens.
    struct Tag {
        let text: String
        let isTriple: Bool
        let position: SourcePosition
    }

    /// Every `{{…}}` and `{{{…}}}` tag of `source`, line by line, for the checks on load.
    static func tags(in source: SourceFile) -> [Tag] {
        var tags: [Tag] = []
        for (index, line) in source.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let afterOpen = rest[open.upperBound...]
                let position = SourcePosition(line: index + 1, column: line.distance(from: line.startIndex, to: open.lowerBound) + 1)
                if afterOpen.hasPrefix("{"), let close = afterOpen.range(of: "}}}") {
                    let text = afterOpen[afterOpen.index(after: afterOpen.startIndex)..<close.lowerBound]
                    tags.append(Tag(text: text.trimmingCharacters(in: .whitespaces), isTriple: true, position: position))
                    rest = afterOpen[close.upperBound...]
                } else if let close = afterOpen.range(of: "}}") {
                    let text = afterOpen[..<close.lowerBound]
                    tags.append(Tag(text: text.trimmingCharacters(in: .whitespaces), isTriple: false, position: position))
                    rest = afterOpen[close.upperBound...]
                } else {
                    break
                }
            }
        }
        return tags
    }

    /// Reports unescaped output of values that are not trusted HTML, and
    /// escaped output of trusted HTML (which would show tags as text).
    static func checkEscaping(_ source: SourceFile, into diagnostics: inout DiagnosticBag) {
        for tag in tags(in: source) {
            if tag.isTriple {
                checkUnescaped(tag.text, source.path, tag.position, &diagnostics)
            } else if tag.text.hasPrefix("&") {
                checkUnescaped(String(tag.text.dropFirst()), source.path, tag.position, &diagnostics)
            } else if let first = tag.text.first, !"#^/!>$<=%".contains(first), isTrustedName(tag.text) {
                diagnostics.error(source.path, tag.position, "'{{\(tag.text)}}' escapes trusted HTML, so readers would see its tags",
                    note: "write {{{\(tag.text)}}}")
            }
        }
    }

    /// Reports `{{>name}}` and `{{<name}}` tags whose template does not exist
    /// (a name read from the context, `{{>*name}}`, is left to rendering).
    static func checkPartials(_ source: SourceFile, known: Set<String>, into diagnostics: inout DiagnosticBag) {
        for tag in tags(in: source) where !tag.isTriple && (tag.text.hasPrefix(">") || tag.text.hasPrefix("<")) {
            let name = tag.text.dropFirst().trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, !name.hasPrefix("*"), !known.contains(name) else { continue }
            diagnostics.error(source.path, tag.position, "'{{\(tag.text)}}' names no template: there is no \(folder)/\(name).mustache",
                note: Suggestion.note(for: name, in: known.sorted()) ?? "a partial is another file in \(folder)/, named without .mustache")
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
