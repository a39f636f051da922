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
        // Scanned once for both checks.
        var tagsByPath: [String: [Tag]] = [:]
        let paths = ((try? fileSystem.files(under: folder)) ?? []).filter { $0.hasSuffix(".mustache") }
        let errorsBefore = diagnostics.errorCount
        for path in paths {
            let name = String(path.dropFirst(folder.count + 1).dropLast(".mustache".count))
            do {
                let source = try fileSystem.readText(path)
                sources[path] = source
                let tags = tags(in: source)
                tagsByPath[path] = tags
                checkEscaping(source, tags: tags, into: &diagnostics)
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
            if let source = sources[path], let tags = tagsByPath[path] {
                checkPartials(source, tags: tags, known: Set(templates.keys), into: &diagnostics)
            }
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

    /// Every `{{…}}` and `{{{…}}}` tag of `source`, line by line, for the
    /// checks on load. Scanned by bytes: with `range(of:)` on each line, the
    /// two checks were 3 % of a one-document build's CPU time.
    static func tags(in source: SourceFile) -> [Tag] {
        var tags: [Tag] = []
        var text = source.text
        text.withUTF8 { bytes in
            let open = UInt8(ascii: "{"), close = UInt8(ascii: "}"), newline = UInt8(ascii: "\n")
            var line = 1
            var lineStart = 0
            /// Where `}}` (or `}}}`) next starts on this line, from `from`.
            func closing(_ from: Int, triple: Bool) -> Int? {
                var index = from
                while index < bytes.count, bytes[index] != newline {
                    if bytes[index] == close, index + 1 < bytes.count, bytes[index + 1] == close,
                        !triple || (index + 2 < bytes.count && bytes[index + 2] == close)
                    {
                        return index
                    }
                    index += 1
                }
                return nil
            }
            func string(_ range: Range<Int>) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self).trimmingCharacters(in: .whitespaces)
            }
            var index = 0
            while index < bytes.count {
                if bytes[index] == newline {
                    line += 1
                    lineStart = index + 1
                    index += 1
                    continue
                }
                guard bytes[index] == open, index + 1 < bytes.count, bytes[index + 1] == open else {
                    index += 1
                    continue
                }
                // Columns count characters, as an editor does.
                let column = String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<index]), as: UTF8.self).count + 1
                let position = SourcePosition(line: line, column: column)
                let afterOpen = index + 2
                if afterOpen < bytes.count, bytes[afterOpen] == open, let end = closing(afterOpen + 1, triple: true) {
                    tags.append(Tag(text: string(afterOpen + 1..<end), isTriple: true, position: position))
                    index = end + 3
                } else if let end = closing(afterOpen, triple: false) {
                    tags.append(Tag(text: string(afterOpen..<end), isTriple: false, position: position))
                    index = end + 2
                } else {
                    // No tag closes on this line: the rest of it is text.
                    index = afterOpen
                    while index < bytes.count, bytes[index] != newline { index += 1 }
                }
            }
        }
        return tags
    }

    /// Reports unescaped output of values that are not trusted HTML, and
    /// escaped output of trusted HTML (which would show tags as text).
    static func checkEscaping(_ source: SourceFile, tags: [Tag]? = nil, into diagnostics: inout DiagnosticBag) {
        for tag in tags ?? self.tags(in: source) {
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
    static func checkPartials(_ source: SourceFile, tags: [Tag]? = nil, known: Set<String>, into diagnostics: inout DiagnosticBag) {
        for tag in tags ?? self.tags(in: source) where !tag.isTriple && (tag.text.hasPrefix(">") || tag.text.hasPrefix("<")) {
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
