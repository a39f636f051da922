import Yams

/// Decodes front matter into typed values, reporting every problem with its
/// position in the file.
///
/// Yams parses the YAML and gives each node its mark; this layer maps nodes to
/// fields. We do not use `Codable` here because it stops at the first error,
/// loses positions and ignores unknown keys, and a policy officer needs all
/// three: every mistake, where it is, and typos caught.
public final class YAMLReader {
    public let file: String
    /// File line of YAML line 1.
    let firstLine: Int
    public private(set) var diagnostics = DiagnosticBag()

    init(file: String, firstLine: Int) {
        self.file = file
        self.firstLine = firstLine
    }

    /// Parses `yaml` into its root node, or reports the syntax error.
    func compose(_ yaml: String) -> Node? {
        do {
            // Every scalar is read as text and typed by the model that wants
            // it, so Yams's regex tag resolution (4 % of a build) is skipped.
            // The encoding is given: Yams's default copies the whole process
            // environment to look for an override, on every call.
            return try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch let error as YamlError {
            report(error, in: yaml)
            return nil
        } catch {
            self.error(nil, "could not read the front matter: \(error)")
            return nil
        }
    }

    /// The file position of a node (nil for nodes Yams made up).
    func position(_ node: Node) -> SourcePosition? {
        node.mark.map { position($0) }
    }

    func position(_ mark: Mark) -> SourcePosition {
        SourcePosition(line: mark.line + firstLine - 1, column: mark.column)
    }

    func error(_ node: Node?, _ message: String, note: String? = nil) {
        diagnostics.error(file, node.flatMap(position) ?? SourcePosition(line: firstLine, column: 1), message, note: note)
    }

    func error(at position: SourcePosition?, _ message: String, note: String? = nil) {
        diagnostics.error(file, position, message, note: note)
    }

    private func report(_ error: YamlError, in yaml: String) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            var message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text))" }
            self.error(at: position(mark), message, note: YAMLReader.hint(for: problem))
        case let .duplicatedKeysInMapping(duplicates, context):
            // Yams marks the first occurrence; point at the repeat, which is the one to fix.
            let key = duplicates.sorted().first ?? ""
            let repeatLine = YAMLReader.lineOfRepeat(of: key, after: context.mark, in: yaml)
            let first = position(context.mark)
            let repeated = repeatLine.map { SourcePosition(line: $0 + firstLine - 1, column: context.mark.column) } ?? first
            self.error(at: repeated, "the key '\(key)' is given twice (first at line \(first.line))",
                note: "each key may be given once; remove or merge the repeated one")
        case let .reader(problem, _, _, _):
            self.error(at: SourcePosition(line: firstLine, column: 1), "could not read the front matter: \(problem)")
        default:
            self.error(at: SourcePosition(line: firstLine, column: 1), "could not read the front matter: \(error)")
        }
    }

    /// The YAML line (1-based) where `key` is repeated at the first one's column.
    static func lineOfRepeat(of key: String, after first: Mark, in yaml: String) -> Int? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard first.line < lines.count else { return nil }
        for index in first.line..<lines.count {
            let line = lines[index]
            let indent = line.prefix { $0 == " " }.count
            if indent == first.column - 1, line.dropFirst(indent).hasPrefix("\(key):") { return index + 1 }
        }
        return nil
    }

    /// Plain-language help for libyaml's commonest complaints.
    private static func hint(for problem: String) -> String? {
        if problem.contains("mapping values are not allowed") {
            return "a value that contains ': ' must be quoted, e.g. title: \"Item 3: update\""
        }
        if problem.contains("found character that cannot start any token") {
            return "values starting with '@' or '`', and tab indentation, are not allowed; quote the value or indent with spaces"
        }
        if problem.contains("did not find expected key") || problem.contains("block end") {
            return "check the indentation: items of a list or mapping must line up"
        }
        return nil
    }
}

// MARK: - Mappings

extension YAMLReader {
    /// Reads the fields of one YAML mapping. Every key asked for is recorded, so
    /// `finish()` can report the keys nobody asked for as unknown, with a hint.
    public final class Fields {
        let reader: YAMLReader
        let node: Node
        let mapping: Node.Mapping
        let what: String
        private var known: [String] = []
        /// The mapping's text keys and their values, in order. Yams's
        /// `mapping[key]` makes a node and compares whole nodes, pair by
        /// pair: it was a tenth of decoding a document's front matter.
        private let pairs: [(key: String, value: Node)]

        init(reader: YAMLReader, node: Node, mapping: Node.Mapping, what: String) {
            self.reader = reader
            self.node = node
            self.mapping = mapping
            self.what = what
            // Only what `mapping[key]` would find: a key that is text (a
            // scalar resolved as a string), not one tagged as something else.
            pairs = mapping.compactMap { pair in
                guard case let .scalar(scalar) = pair.key, pair.key.tag.rawValue == Tag.Name.str.rawValue else { return nil }
                return (scalar.string, pair.value)
            }
        }

        /// The value for `key`, present or null; the last one given wins, as in Yams.
        private func value(_ key: String) -> Node? {
            pairs.last { $0.key == key }?.value
        }

        /// The value node for `key`, if present and not null.
        func node(_ key: String) -> Node? {
            known.append(key)
            guard let value = value(key) else { return nil }
            if value.isNull { return nil }
            return value
        }

        public func has(_ key: String) -> Bool {
            node(key) != nil
        }

        public func required<T: YAMLDecodable>(_ key: String, as: T.Type = T.self) -> T? {
            guard let value = node(key) else {
                if let present = value(key) {
                    reader.error(present, "'\(key)' is empty", note: "give \(what) a \(key)")
                } else {
                    reader.error(node, "missing required key '\(key)' in \(what)")
                }
                return nil
            }
            return T.decode(value, reader)
        }

        public func optional<T: YAMLDecodable>(_ key: String, as: T.Type = T.self) -> T? {
            node(key).flatMap { T.decode($0, reader) }
        }

        /// Reports keys present in the mapping that no field asked for.
        public func finish() {
            for (key, _) in mapping {
                guard let name = key.string, !known.contains(name) else { continue }
                reader.error(key, "unknown key '\(name)' in \(what)",
                    note: Suggestion.note(for: name, in: known) ?? "known keys: \(known.joined(separator: ", "))")
            }
        }
    }

    /// Opens `node` as a mapping describing `what` ("a meeting", "a person").
    public func fields(_ node: Node, _ what: String) -> Fields? {
        guard let mapping = node.mapping else {
            error(node, "expected \(what) as a mapping of keys to values, found \(node.kindName)")
            return nil
        }
        return Fields(reader: self, node: node, mapping: mapping, what: what)
    }
}

extension Node {
    var isNull: Bool {
        guard case let .scalar(scalar) = self else { return false }
        guard scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    var kindName: String {
        switch self {
        case .scalar: "a single value"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
