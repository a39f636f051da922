import Foundation

/// Named templates that include each other (`{{>name}}`, `{{<name}}`), and
/// the renderer that fills them with a `TemplateValue`.
struct TemplateSet: Sendable {
    let templates: [String: Template]

    init(_ templates: [String: Template]) {
        self.templates = templates
    }

    /// The named template filled with `value`; nil when there is no such template.
    func render(_ name: String, _ value: TemplateValue) -> String? {
        renderBytes(name, value)?.text()
    }

    /// As `render`, as the bytes of a page to write.
    func renderPage(_ name: String, _ value: TemplateValue) -> Data? {
        renderBytes(name, value)?.data()
    }

    private func renderBytes(_ name: String, _ value: TemplateValue) -> PageBuffer? {
        guard let template = templates[name] else { return nil }
        var renderer = TemplateRenderer(templates: templates, root: value)
        var out = PageBuffer()
        renderer.render(template, into: &out)
        return out
    }
}

/// One render: the context stack and what partials and blocks pass down.
private struct TemplateRenderer {
    let templates: [String: Template]
    var stack: [TemplateValue]
    var sequence: SequencePosition?
    /// Put before each line a standalone partial or block writes.
    var indentation = ""
    /// Block overrides from the templates that include this one; the outermost wins.
    var overrides: [String: Template] = [:]

    init(templates: [String: Template], root: TemplateValue) {
        self.templates = templates
        stack = [root]
        stack.reserveCapacity(8)
    }

    mutating func render(_ template: Template, into out: inout PageBuffer) {
        guard !indentation.isEmpty else {
            for node in template.nodes { render(node, into: &out) }
            return
        }
        // Each piece that starts a line is indented (a piece, not each of its
        // lines: swift-mustache's rule, kept so output stays the same).
        var local = PageBuffer()
        for node in template.nodes {
            var piece = PageBuffer()
            render(node, into: &piece)
            if !piece.isEmpty, local.last == UInt8(ascii: "\n") { local.append(indentation) }
            local.append(piece)
        }
        out.append(local)
    }

    private mutating func render(_ node: TemplateNode, into out: inout PageBuffer) {
        switch node {
        case .text(let text):
            out.append(text)
        case .variable(let name, let escaped):
            guard let text = lookup(name)?.displayText else { return }
            if escaped { out.appendEscaped(text) } else { out.append(text) }
        case .section(let name, let body):
            renderSection(lookup(name), body, into: &out)
        case .invertedSection(let name, let body):
            renderInverted(lookup(name), body, into: &out)
        case .partial(let name, let indentation, let overrides):
            guard let template = templates[name] else { return }
            renderPartial(template, indentation: indentation, overrides: overrides, into: &out)
        case .dynamicPartial(let name, let indentation, let overrides):
            guard case .text(let partialName)? = lookup(name), let template = templates[partialName] else { return }
            renderPartial(template, indentation: indentation, overrides: overrides, into: &out)
        case .block(let name, let defaultBody, let indentation):
            let saved = (sequence, self.indentation)
            sequence = nil
            self.indentation += indentation ?? ""
            render(overrides[name] ?? defaultBody, into: &out)
            (sequence, self.indentation) = saved
        case .blockOverride:
            break
        }
    }

    private mutating func renderSection(_ value: TemplateValue?, _ body: Template, into out: inout PageBuffer) {
        switch value {
        case .list(let items)?:
            guard !items.isEmpty else { return }
            let saved = sequence
            for (index, item) in items.enumerated() {
                sequence = SequencePosition(first: index == 0, last: index == items.count - 1, index: index)
                stack.append(item)
                render(body, into: &out)
                stack.removeLast()
            }
            sequence = saved
        case .bool(let flag)?:
            if flag { render(body, into: &out) }
        case .html(let html)? where html.isEmpty:
            return
        case .missing?, nil:
            return
        case let value?:
            let saved = sequence
            sequence = nil
            stack.append(value)
            render(body, into: &out)
            stack.removeLast()
            sequence = saved
        }
    }

    private mutating func renderInverted(_ value: TemplateValue?, _ body: Template, into out: inout PageBuffer) {
        switch value {
        case .list(let items)?:
            guard items.isEmpty else { return }
            let saved = sequence
            sequence = nil
            stack.append(.list(items))
            render(body, into: &out)
            stack.removeLast()
            sequence = saved
        case .bool(let flag)?:
            if !flag { render(body, into: &out) }
        case .html(let html)? where html.isEmpty:
            render(body, into: &out)
        case .missing?, nil:
            render(body, into: &out)
        case .some:
            return
        }
    }

    private mutating func renderPartial(
        _ template: Template, indentation: String?, overrides more: [String: Template]?, into out: inout PageBuffer
    ) {
        let saved = (sequence, self.indentation, overrides)
        sequence = nil
        self.indentation += indentation ?? ""
        if let more { overrides.merge(more) { outer, _ in outer } }
        render(template, into: &out)
        (sequence, self.indentation, overrides) = saved
    }

    /// Finds a name: the first value down the stack that has the name's first
    /// part, then the rest inside it; then the transforms.
    private func lookup(_ name: TemplateName) -> TemplateValue? {
        var value: TemplateValue?
        var transforms = name.transforms[...]
        switch name.scope {
        case .current:
            value = stack.last
        case .sequence:
            value = transforms.popFirst().flatMap { sequence?.transformed($0) }
        case .top:
            value = stack.last.flatMap { follow(name.path[...], from: $0) { $0.child($1) } }
        case .stack:
            guard let first = name.path.first else {
                value = stack.last
                break
            }
            // Innermost first; a plain loop (the lazy reversed chain retained
            // and released every value it passed).
            var level = stack.count - 1
            while level >= 0 {
                if let found = stack[level].child(first) {
                    value = follow(name.path.dropFirst(), from: found) { $0.child($1) }
                    break
                }
                level -= 1
            }
        }
        guard let value, !value.isMissing else { return nil }
        return follow(transforms, from: value) { $0.transformed($1) }
    }

    /// Takes each step in turn; nil as soon as one finds nothing.
    private func follow(
        _ steps: ArraySlice<String>, from value: TemplateValue, _ step: (TemplateValue, String) -> TemplateValue?
    ) -> TemplateValue? {
        var value = value
        for name in steps {
            guard let next = step(value, name) else { return nil }
            value = next
        }
        return value
    }
}
