import Foundation

/// A value a template can show: page contexts are turned into these once,
/// before rendering (see `MustacheValue`).
enum TemplateValue: Sendable {
    /// Escaped by `{{x}}`, written as it is by `{{{x}}}` and `{{& x}}`.
    case text(String)
    /// Markup reportsite made itself; an empty one counts as false.
    case html(TrustedHTML)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case list(TemplateList)
    case object([String: TemplateValue])
    /// An absent optional: found, so the lookup stops here rather than
    /// climbing the stack, but shown as nothing and false.
    case missing
}

extension TemplateValue {
    var isMissing: Bool {
        if case .missing = self { return true }
        return false
    }

    /// The text `{{x}}` shows before escaping (nil: nothing to show).
    var displayText: String? {
        switch self {
        case .text(let text): text
        case .html(let html): html.html
        case .int(let value): String(value)
        case .double(let value): String(describing: value)
        case .bool(let value): value ? "true" : "false"
        // swift-mustache printed Swift's debug description of a list or an
        // object, which no template wants; these show nothing.
        case .list, .object, .missing: nil
        }
    }

    /// The value named `name` inside this one, if it has one.
    func child(_ name: String) -> TemplateValue? {
        switch self {
        case .object(let fields): fields[name]
        // swift-mustache reflected other values: TrustedHTML has a property `html`.
        case .html(let html) where name == "html": .text(html.html)
        default: nil
        }
    }

    /// swift-mustache's transforms: `{{#empty(rows)}}`, `{{count(items)}}`,
    /// `{{uppercased(name)}}`, … (nil: the transform does not apply).
    func transformed(_ name: String) -> TemplateValue? {
        switch self {
        case .text(let text):
            switch name {
            case "empty": return .bool(text.isEmpty)
            case "capitalized": return .text(text.capitalized)
            case "lowercased": return .text(text.lowercased())
            case "uppercased": return .text(text.uppercased())
            case "reversed": return .text(String(text.reversed()))
            default: return nil
            }
        case .list(let items):
            switch name {
            case "first": return items.first
            case "last": return items.last
            case "reversed": return .list(TemplateList(items.reversed()))
            case "count": return .int(items.count)
            case "empty": return .bool(items.isEmpty)
            default: return nil
            }
        case .object(let fields):
            switch name {
            case "count": return .int(fields.count)
            case "empty": return .bool(fields.isEmpty)
            // Key and value pairs; sorted by key for both (swift-mustache's
            // `enumerated` came in the dictionary's random order).
            case "enumerated", "sorted":
                return .list(TemplateList(fields.sorted { $0.key < $1.key }.map { .object(["key": .text($0.key), "value": $0.value]) }))
            default: return nil
            }
        case .int(let value):
            switch name {
            case "equalzero": return .bool(value == 0)
            case "plusone": return .int(value + 1)
            case "minusone": return .int(value - 1)
            case "even": return .bool(value & 1 == 0)
            case "odd": return .bool(value & 1 == 1)
            default: return nil
            }
        case .html, .double, .bool, .missing:
            return nil
        }
    }
}

/// The items of a list value: built, or made one at a time as a section
/// reaches them. A tracker page lists thousands of rows; holding every
/// row's values at once made its render the build's memory peak.
struct TemplateList: RandomAccessCollection, ExpressibleByArrayLiteral, @unchecked Sendable {
    private enum Items {
        case built([TemplateValue])
        /// Reads only immutable page contexts (hence the unchecked Sendable).
        case made(count: Int, item: (Int) -> TemplateValue)
    }

    private let items: Items

    init(_ items: [TemplateValue]) {
        self.items = .built(items)
    }

    init(arrayLiteral items: TemplateValue...) {
        self.items = .built(items)
    }

    /// A list whose items are made when they are read (each time they are read).
    init(count: Int, item: @escaping (Int) -> TemplateValue) {
        items = .made(count: count, item: item)
    }

    /// False for a list whose items are made as they are read.
    var isBuilt: Bool {
        if case .built = items { return true }
        return false
    }

    var startIndex: Int { 0 }
    var endIndex: Int {
        switch items {
        case .built(let items): items.count
        case .made(let count, _): count
        }
    }

    subscript(position: Int) -> TemplateValue {
        switch items {
        case .built(let items): items[position]
        case .made(_, let item): item(position)
        }
    }
}

/// Where a list section is: `{{#first()}}`, `{{index()}}`, …
struct SequencePosition {
    var first: Bool
    var last: Bool
    var index: Int

    func transformed(_ name: String) -> TemplateValue? {
        switch name {
        case "first": .bool(first)
        case "last": .bool(last)
        case "index": .int(index)
        case "even": .bool(index & 1 == 0)
        case "odd": .bool(index & 1 == 1)
        default: nil
        }
    }
}
