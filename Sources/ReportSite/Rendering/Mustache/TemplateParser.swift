/// Reads Mustache text into `TemplateNode`s.
///
/// Works on Characters, as swift-mustache does, so that "\r\n" is one
/// newline and standalone lines, indentation and error columns come out the
/// same as they did with it.
struct TemplateParser {
    private let characters: [Character]
    private var position = 0

    init(_ text: String) {
        characters = Array(text)
    }

    /// What the parser knows about where it is, as it descends into sections.
    private struct State {
        var sectionName: String?
        var sectionTransforms: [String] = []
        var newLine = true
        /// Inside `{{<parent}}…{{/parent}}`, and directly inside it.
        var inParent = false
        var directlyInParent = false
        var parentIndent: ArraySlice<Character>?
        var open: [Character] = ["{", "{"]
        var close: [Character] = ["}", "}"]

        func enteringSection(_ name: String, transforms: [String] = [], newLine: Bool) -> State {
            var state = self
            state.sectionName = name
            state.sectionTransforms = transforms
            state.directlyInParent = false
            if !newLine { state.newLine = false }
            return state
        }

        func enteringParent(_ name: String) -> State {
            var state = self
            state.sectionName = name
            state.sectionTransforms = []
            state.newLine = true
            state.inParent = true
            state.directlyInParent = true
            return state
        }
    }

    mutating func parseTemplate() throws -> Template {
        do {
            return try parse(State())
        } catch let problem as Problem {
            throw syntaxError(problem.message)
        }
    }

    private struct Problem: Error {
        let message: String
    }

    private static let unfinished = Problem(message: "unfinished tag")
    private static let unexpectedEnd = Problem(message: "the template ends inside a tag")

    // MARK: - Structure

    private mutating func parse(_ initial: State) throws -> Template {
        var nodes: [TemplateNode] = []
        var state = initial
        var whitespaceBefore: ArraySlice<Character> = []
        while !atEnd {
            if state.newLine {
                let whitespace = read(while: { $0 == " " || $0 == "\t" })
                if state.inParent, !state.directlyInParent {
                    // Lines of a block override lose the indentation of its first line.
                    if let indent = state.parentIndent {
                        whitespaceBefore = whitespace.dropFirst(indent.count)
                    } else {
                        state.parentIndent = whitespace
                    }
                } else {
                    whitespaceBefore = whitespace
                }
            }
            let text = try readTextUntilTagOrNewline(state)
            if current.isNewline {
                nodes.append(.text(String(whitespaceBefore) + text + String(current)))
                state.newLine = true
                position += 1
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(String(whitespaceBefore) + text))
                whitespaceBefore = []
                state.newLine = false
            }
            if atEnd { break }

            var standalone = false
            // Whitespace before an inline tag is text; before a standalone one it goes with the line.
            func flushWhitespace() {
                if !whitespaceBefore.isEmpty { nodes.append(.text(String(whitespaceBefore))) }
            }
            switch current {
            case "#", "^":
                let inverted = current == "^"
                position += 1
                let (name, transforms) = try readName(state)
                standalone = isStandalone(state)
                if !standalone {
                    flushWhitespace()
                    whitespaceBefore = []
                }
                let body = try parse(state.enteringSection(name, transforms: transforms, newLine: standalone))
                let tagName = TemplateName(name, transforms: transforms)
                nodes.append(inverted ? .invertedSection(tagName, body) : .section(tagName, body))

            case "/":
                position += 1
                let start = position
                let (name, transforms) = try readName(state)
                guard name == state.sectionName, transforms == state.sectionTransforms else {
                    position = start
                    if let open = state.sectionName {
                        throw Problem(message: "'\(name)' closes a section, but the open one is '\(open)'")
                    }
                    throw Problem(message: "'\(name)' closes a section that was never opened")
                }
                if !isStandalone(state) { flushWhitespace() }
                return Template(nodes: nodes)

            case "!":
                position += 1
                try skipComment(state)
                standalone = isStandalone(state)

            case "{":
                flushWhitespace()
                whitespaceBefore = []
                position += 1
                let (name, transforms) = try readName(state)
                guard try read("}") else { throw Self.unfinished }
                nodes.append(.variable(TemplateName(name, transforms: transforms), escaped: false))

            case "&":
                flushWhitespace()
                whitespaceBefore = []
                position += 1
                let (name, transforms) = try readName(state)
                nodes.append(.variable(TemplateName(name, transforms: transforms), escaped: false))

            case ">":
                position += 1
                _ = read(while: \.isWhitespace)
                var dynamic = false
                if current == "*" {
                    position += 1
                    dynamic = true
                }
                let name = try readPartialName(state)
                flushWhitespace()
                standalone = isStandalone(state)
                let indentation = standalone ? String(whitespaceBefore) : nil
                nodes.append(dynamic
                    ? .dynamicPartial(TemplateName(name, transforms: []), indentation: indentation, overrides: nil)
                    : .partial(name, indentation: indentation, overrides: nil))
                whitespaceBefore = []

            case "<":
                position += 1
                _ = read(while: \.isWhitespace)
                let sectionName = try readPartialName(state)
                flushWhitespace()
                standalone = isStandalone(state)
                let body = try parse(state.enteringParent(sectionName))
                var overrides: [String: Template] = [:]
                for node in body.nodes {
                    switch node {
                    case .blockOverride(let name, let template): overrides[name] = template
                    case .text: break
                    default: throw Problem(message: "only blocks ({{$name}}…{{/name}}) may be inside '{{<\(sectionName)}}'")
                    }
                }
                let indentation = String(whitespaceBefore)
                if sectionName.first == "*" {
                    nodes.append(.dynamicPartial(TemplateName(String(sectionName.dropFirst()), transforms: []),
                        indentation: indentation, overrides: overrides))
                } else {
                    nodes.append(.partial(sectionName, indentation: indentation, overrides: overrides))
                }
                whitespaceBefore = []

            case "$":
                position += 1
                let (name, transforms) = try readName(state)
                guard transforms.isEmpty else { throw Problem(message: "a block cannot have a transform") }
                if state.directlyInParent {
                    standalone = isStandalone(state)
                    nodes.append(.blockOverride(name, try parse(state.enteringSection(name, newLine: standalone))))
                } else {
                    flushWhitespace()
                    standalone = isStandalone(state)
                    let body = try parse(state.enteringSection(name, newLine: standalone))
                    nodes.append(.block(name, default: body, indentation: String(whitespaceBefore)))
                    whitespaceBefore = []
                }

            case "=":
                position += 1
                state = try readDelimiters(state)
                standalone = isStandalone(state)

            case "%":
                position += 1
                try readPragma(state)
                standalone = isStandalone(state)

            default:
                flushWhitespace()
                whitespaceBefore = []
                let (name, transforms) = try readName(state)
                nodes.append(.variable(TemplateName(name, transforms: transforms), escaped: true))
            }
            state.newLine = standalone
        }
        if let open = state.sectionName {
            throw Problem(message: "'\(open)' is never closed")
        }
        return Template(nodes: nodes)
    }

    /// A tag is standalone when it started a line (after spaces) and only
    /// spaces follow it to the end of the line, whose newline it takes.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if atEnd { return true }
        var ahead = position
        while ahead < characters.count, characters[ahead] == " " || characters[ahead] == "\t" { ahead += 1 }
        guard ahead < characters.count, characters[ahead].isNewline else { return false }
        position = ahead + 1
        return true
    }

    // MARK: - Tags

    /// Text up to a newline (not taken) or an opening delimiter (taken).
    private mutating func readTextUntilTagOrNewline(_ state: State) throws -> String {
        var text = ""
        guard let first = state.open.first else { return "" }
        while !atEnd {
            let character = characters[position]
            if character == "\n" || character == "\r\n" { break }
            if character == first {
                guard characters.count - position >= state.open.count else { throw Self.unexpectedEnd }
                if characters[position..<position + state.open.count].elementsEqual(state.open) {
                    position += state.open.count
                    break
                }
            }
            text.append(character)
            position += 1
        }
        return text
    }

    private static let nameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    private static let partialNameCharacters = nameCharacters.union("()/")

    /// A tag's name and the transforms around it: `empty(rows)` is `rows` and `[empty]`.
    private mutating func readName(_ state: State) throws -> (String, [String]) {
        _ = read(while: \.isWhitespace)
        let text = read(while: { Self.nameCharacters.contains($0) || $0 == "(" || $0 == ")" })
        _ = read(while: \.isWhitespace)
        try readClose(state)
        guard text.contains(where: { $0 == "(" || $0 == ")" }) else { return (String(text), []) }
        // f(g(name)): the transforms outside in, then exactly as many ")".
        var transforms: [String] = []
        var rest = text[...]
        while let paren = rest.firstIndex(where: { $0 == "(" || $0 == ")" }), rest[paren] == "(" {
            let part = rest[..<paren]
            guard part.allSatisfy(Self.nameCharacters.contains) else { throw Self.unfinished }
            transforms.append(String(part))
            rest = rest[(paren + 1)...]
        }
        guard let close = rest.firstIndex(of: ")") else { throw Self.unfinished }
        let name = rest[..<close]
        let closing = rest[close...]
        guard name.allSatisfy(Self.nameCharacters.contains), closing.count == transforms.count,
            closing.allSatisfy({ $0 == ")" })
        else { throw Self.unfinished }
        return (String(name), transforms)
    }

    private mutating func readPartialName(_ state: State) throws -> String {
        _ = read(while: \.isWhitespace)
        let text = read(while: Self.partialNameCharacters.contains)
        _ = read(while: \.isWhitespace)
        try readClose(state)
        return String(text)
    }

    private mutating func readClose(_ state: State) throws {
        guard characters.count - position >= state.close.count else { throw Self.unexpectedEnd }
        guard characters[position..<position + state.close.count].elementsEqual(state.close) else { throw Self.unfinished }
        position += state.close.count
    }

    private mutating func skipComment(_ state: State) throws {
        while !atEnd {
            if characters.count - position >= state.close.count,
                characters[position..<position + state.close.count].elementsEqual(state.close)
            {
                position += state.close.count
                return
            }
            position += 1
        }
        throw Problem(message: "the comment is never closed")
    }

    /// `{{=<% %>=}}`
    private mutating func readDelimiters(_ state: State) throws -> State {
        let invalid = Problem(message: "a delimiter change is written {{=<% %>=}}")
        _ = read(while: \.isWhitespace)
        let open = read(while: { !$0.isWhitespace })
        guard !atEnd else { throw invalid }
        _ = read(while: \.isWhitespace)
        let close = read(while: { !($0 == "=" || $0.isWhitespace) })
        guard !atEnd else { throw invalid }
        _ = read(while: \.isWhitespace)
        guard try read("="), characters.count - position >= state.close.count,
            characters[position..<position + state.close.count].elementsEqual(state.close),
            !open.isEmpty, !close.isEmpty
        else { throw invalid }
        position += state.close.count
        var state = state
        state.open = Array(open)
        state.close = Array(close)
        state.directlyInParent = false
        return state
    }

    /// `{{% CONTENT_TYPE: HTML }}` is the only pragma: HTML escaping is
    /// what every template gets, and switching it off is not allowed.
    private mutating func readPragma(_ state: State) throws {
        _ = read(while: \.isWhitespace)
        let variable = String(read(while: Self.nameCharacters.contains))
        _ = read(while: \.isWhitespace)
        guard try read(":") else { throw Problem(message: "a pragma is written {{% NAME: VALUE }}") }
        _ = read(while: \.isWhitespace)
        let value = String(read(while: Self.nameCharacters.contains))
        _ = read(while: \.isWhitespace)
        try readClose(state)
        guard variable == "CONTENT_TYPE", value == "HTML" else {
            throw Problem(message: "unsupported pragma '\(variable): \(value)': templates always escape for HTML")
        }
    }

    // MARK: - Characters

    private var atEnd: Bool { position >= characters.count }
    /// NUL at the end, as a character that is nothing special.
    private var current: Character { atEnd ? "\0" : characters[position] }

    private mutating func read(while matches: (Character) -> Bool) -> ArraySlice<Character> {
        let start = position
        while position < characters.count, matches(characters[position]) { position += 1 }
        return characters[start..<position]
    }

    private mutating func read(_ character: Character) throws -> Bool {
        guard !atEnd else { throw Self.unexpectedEnd }
        guard characters[position] == character else { return false }
        position += 1
        return true
    }

    /// The position as a line (newlines before it, plus one) and column
    /// (characters since the last "\n", plus one).
    private func syntaxError(_ message: String) -> TemplateSyntaxError {
        let before = characters[..<min(position, characters.count)]
        let line = before.filter(\.isNewline).count + 1
        let lineStart = before.lastIndex(of: "\n").map { $0 + 1 } ?? 0
        return TemplateSyntaxError(line: line, column: before.count - lineStart + 1, message: message)
    }
}
