import Foundation
import Yams

/// A value that can be read from a front-matter node, reporting problems to the reader.
public protocol YAMLDecodable {
    /// The value, or nil after reporting why not.
    static func decode(_ node: Node, _ reader: YAMLReader) -> Self?
}

extension YAMLReader {
    /// The text of a scalar node, or an error naming what was expected.
    func scalar(_ node: Node, expecting what: String) -> String? {
        guard case let .scalar(scalar) = node else {
            error(node, "expected \(what), found \(node.kindName)")
            return nil
        }
        return scalar.string
    }
}

extension String: YAMLDecodable {
    public static func decode(_ node: Node, _ reader: YAMLReader) -> String? {
        guard let text = reader.scalar(node, expecting: "text") else { return nil }
        return text.trimmed
    }
}

extension Int: YAMLDecodable {
    public static func decode(_ node: Node, _ reader: YAMLReader) -> Int? {
        guard let text = reader.scalar(node, expecting: "a whole number") else { return nil }
        guard let value = Int(text) else {
            reader.error(node, "expected a whole number, found '\(text)'")
            return nil
        }
        return value
    }
}

extension Array: YAMLDecodable where Element: YAMLDecodable {
    public static func decode(_ node: Node, _ reader: YAMLReader) -> [Element]? {
        guard case let .sequence(sequence) = node else {
            reader.error(node, "expected a list (items on lines starting with '- '), found \(node.kindName)")
            return nil
        }
        var items: [Element] = []
        var failed = false
        for item in sequence {
            if let value = Element.decode(item, reader) { items.append(value) } else { failed = true }
        }
        return failed ? nil : items
    }
}

/// Enums written as kebab-case words in YAML (`partly-assured`).
public protocol YAMLEnum: YAMLDecodable, RawRepresentable<String>, CaseIterable, Sendable, Codable {
    /// How the enum is named in messages ("a verdict").
    static var description: String { get }
}

extension YAMLEnum {
    public static func decode(_ node: Node, _ reader: YAMLReader) -> Self? {
        guard let text = reader.scalar(node, expecting: description) else { return nil }
        if let value = Self(rawValue: text) { return value }
        let names = allCases.map(\.rawValue)
        reader.error(node, "'\(text)' is not \(description); expected one of: \(names.joined(separator: ", "))",
            note: Suggestion.note(for: text, in: names))
        return nil
    }
}
