/// One parsed Mustache template: the site's own engine.
///
/// reportsite used swift-mustache, whose every tag looks names up through
/// dynamic casts (`as? MustacheParent`, `as? MustacheCustomRenderable`, …)
/// at each level of the context stack: on a 10,000-document site that was
/// 29 % of a clean build's CPU time. This engine parses each name once,
/// renders `TemplateValue`s (a closed enum, so no casts) and writes into one
/// buffer. It follows swift-mustache's behaviour, quirks included (standalone
/// lines, indentation, inheritance, transforms such as `empty(x)`), so
/// templates written for it render byte for byte the same; a test renders
/// every page of the example site with both.
struct Template: Sendable {
    let nodes: [TemplateNode]

    init(nodes: [TemplateNode]) {
        self.nodes = nodes
    }

    /// Parses Mustache text; throws `TemplateSyntaxError` with the position.
    init(parsing text: String) throws {
        var parser = TemplateParser(text)
        self = try parser.parseTemplate()
    }
}

/// A piece of a template.
indirect enum TemplateNode: Sendable {
    case text(String)
    case variable(TemplateName, escaped: Bool)
    case section(TemplateName, Template)
    case invertedSection(TemplateName, Template)
    /// `{{>name}}`, or `{{<name}}…{{/name}}` with its block overrides.
    case partial(String, indentation: String?, overrides: [String: Template]?)
    /// `{{>*name}}`: the partial's name is a value of the context.
    case dynamicPartial(TemplateName, indentation: String?, overrides: [String: Template]?)
    /// `{{$name}}default{{/name}}`: replaced by an override from a child template.
    case block(String, default: Template, indentation: String?)
    /// A block override directly inside `{{<parent}}`: only the parser sees it.
    case blockOverride(String, Template)
}

/// A tag's name, split once at parse time.
struct TemplateName: Sendable, Equatable {
    enum Scope: Sendable, Equatable {
        /// `{{.}}`: the value on top of the stack.
        case current
        /// `{{first()}}`: the position in the list being iterated.
        case sequence
        /// `{{.a.b}}`: only the top of the stack.
        case top
        /// `{{a.b}}`: the first value down the stack that has `a`.
        case stack
    }

    let scope: Scope
    let path: [String]
    /// Applied in this order (innermost call first).
    let transforms: [String]

    init(_ name: String, transforms: [String]) {
        self.transforms = transforms.reversed()
        if name == "." {
            scope = .current
            path = []
        } else if name.isEmpty, !transforms.isEmpty {
            scope = .sequence
            path = []
        } else {
            scope = name.first == "." ? .top : .stack
            path = name.split(separator: ".").map(String.init)
        }
    }
}

/// A template that cannot be parsed, with where.
struct TemplateSyntaxError: Error, Sendable, Equatable {
    let line: Int
    let column: Int
    let message: String
}
