import Foundation

/// Turns a page context (nested structs) into a `TemplateValue` tree once,
/// before rendering: the template engine then looks names up by hashing,
/// never by reflection or casts. A missing value becomes `.missing`, which
/// renders like `nil` and which, like a struct's nil property, stops the
/// lookup at this level.
///
/// The same walk feeds a `PageFingerprint` when one is given, so
/// fingerprinting a page costs no second pass over its context. An
/// incremental build first only fingerprints (`fingerprint(_:into:)`), and
/// builds the tree only for the pages it must render.
enum MustacheValue {
    static func convert(_ value: Any, fingerprint: PageFingerprint? = nil) -> TemplateValue {
        convert(value, ContextWalk(fingerprint: fingerprint, builds: true))
    }

    static func fingerprint(_ value: Any, into fingerprint: PageFingerprint) {
        _ = convert(value, ContextWalk(fingerprint: fingerprint, builds: false))
    }

    static func convert(_ value: Any, _ walk: ContextWalk) -> TemplateValue {
        let fingerprint = walk.fingerprint
        // One protocol cast for every shape the contexts use: each dynamic
        // cast costs about 90 ns, and a page has thousands of values.
        if let value = value as? MustacheConvertible {
            return value.mustacheValue(walk)
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let wrapped = mirror.children.first else { return missing(walk) }
            return convert(wrapped.value, walk)
        case .collection, .set:
            fingerprint?.add(tag: "a", String(mirror.children.count))
            let elements = mirror.children.map { convert($0.value, walk) }
            return walk.builds ? .list(TemplateList(elements)) : .missing
        case .struct, .class:
            fingerprint?.add(tag: "d", "")
            var dictionary: [String: TemplateValue] = [:]
            for child in mirror.children {
                guard let label = child.label else { continue }
                fingerprint?.add(tag: "k", label)
                let converted = convert(child.value, walk)
                if walk.builds { dictionary[label] = converted }
            }
            fingerprint?.add(tag: "e", "")
            return .object(dictionary)
        default:
            // Not a shape the contexts use (an enum?): describe it rather than ignore it.
            fingerprint?.add(tag: "?", String(reflecting: value))
            return .text(String(describing: value))
        }
    }
}

extension MustacheValue {
    /// An absent optional, with or without its type known.
    static func missing(_ walk: ContextWalk) -> TemplateValue {
        walk.fingerprint?.add(tag: "n", "")
        return .missing
    }
}

/// One walk over a page context: it feeds `fingerprint` if there is one,
/// and builds the Mustache tree only if `builds`.
struct ContextWalk {
    let fingerprint: PageFingerprint?
    /// When false, lists and objects come back as `.missing`: only the
    /// fingerprint is wanted, so nothing is built.
    let builds: Bool
}

/// A value that converts itself for Mustache (see `MustacheValue`).
protocol MustacheConvertible {
    func mustacheValue(_ walk: ContextWalk) -> TemplateValue
}

/// A value Mustache prints as it is; the fingerprint takes it as text under a type tag.
protocol MustacheScalar: MustacheConvertible {
    static var fingerprintTag: Unicode.Scalar { get }
    var fingerprintText: String { get }
    var templateValue: TemplateValue { get }
}

extension MustacheScalar {
    func mustacheValue(_ walk: ContextWalk) -> TemplateValue {
        walk.fingerprint?.add(tag: Self.fingerprintTag, fingerprintText)
        return templateValue
    }
}

extension String: MustacheScalar {
    var templateValue: TemplateValue { .text(self) }
    static var fingerprintTag: Unicode.Scalar { "s" }
    var fingerprintText: String { self }
}

extension Int: MustacheScalar {
    var templateValue: TemplateValue { .int(self) }
    static var fingerprintTag: Unicode.Scalar { "i" }
    var fingerprintText: String { String(self) }
}

extension Bool: MustacheScalar {
    var templateValue: TemplateValue { .bool(self) }
    static var fingerprintTag: Unicode.Scalar { "b" }
    var fingerprintText: String { self ? "1" : "0" }
}

extension Double: MustacheScalar {
    var templateValue: TemplateValue { .double(self) }
    static var fingerprintTag: Unicode.Scalar { "f" }
    var fingerprintText: String { String(bitPattern) }
}

extension TrustedHTML: MustacheConvertible {
    func mustacheValue(_ walk: ContextWalk) -> TemplateValue {
        walk.fingerprint?.add(html: self)
        return .html(self)
    }
}

extension Optional: MustacheConvertible where Wrapped: MustacheConvertible {
    func mustacheValue(_ walk: ContextWalk) -> TemplateValue {
        guard let wrapped = self else { return MustacheValue.missing(walk) }
        return wrapped.mustacheValue(walk)
    }
}

extension Array: MustacheConvertible where Element: MustacheConvertible {
    /// Lists longer than this make each item's values as the template
    /// reaches it, so a page holds one row's values at a time, not all.
    static var builtInFull: Int { 200 }

    func mustacheValue(_ walk: ContextWalk) -> TemplateValue {
        walk.fingerprint?.add(tag: "a", String(count))
        if walk.builds, count <= Self.builtInFull {
            return .list(TemplateList(map { $0.mustacheValue(walk) }))
        }
        // A long list (or a walk that only fingerprints): fingerprint every
        // item now, and make items only when a template reads them.
        if walk.fingerprint != nil {
            let fingerprintOnly = ContextWalk(fingerprint: walk.fingerprint, builds: false)
            for element in self { _ = element.mustacheValue(fingerprintOnly) }
        }
        guard walk.builds else { return .missing }
        let build = ContextWalk(fingerprint: nil, builds: true)
        return .list(TemplateList(count: count) { self[$0].mustacheValue(build) })
    }
}
