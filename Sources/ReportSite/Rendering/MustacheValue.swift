import Foundation

/// Turns a page context (nested structs) into dictionaries and arrays once,
/// before rendering.
///
/// swift-mustache looks each name up by reflecting the context with `Mirror`,
/// again for every tag and every level of the context stack; on a long list or
/// tracker page that was most of the build. A dictionary lookup is a hash.
/// A missing value becomes `NSNull`, which Mustache treats like `nil` and which,
/// like a struct's nil property, stops the lookup at this level.
///
/// The same walk feeds a `PageFingerprint` when one is given, so
/// fingerprinting a page costs no second pass over its context.
enum MustacheValue {
    static func convert(_ value: Any, fingerprint: PageFingerprint? = nil) -> Any {
        switch value {
        case let value as TrustedHTML:
            fingerprint?.add(html: value)
            return value
        case let value as String:
            fingerprint?.add(tag: "s", value)
            return value
        case let value as Int:
            fingerprint?.add(tag: "i", String(value))
            return value
        case let value as Bool:
            fingerprint?.add(tag: "b", value ? "1" : "0")
            return value
        case let value as Double:
            fingerprint?.add(tag: "f", String(value.bitPattern))
            return value
        case let value as MustacheFields:
            let fields = value.mustacheFields
            fingerprint?.add(tag: "d", String(fields.count))
            var dictionary: [String: Any] = [:]
            for (label, child) in fields {
                fingerprint?.add(tag: "k", label)
                dictionary[label] = convert(child, fingerprint: fingerprint)
            }
            return dictionary
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let wrapped = mirror.children.first else {
                fingerprint?.add(tag: "n", "")
                return NSNull()
            }
            return convert(wrapped.value, fingerprint: fingerprint)
        case .collection, .set:
            fingerprint?.add(tag: "a", String(mirror.children.count))
            return mirror.children.map { convert($0.value, fingerprint: fingerprint) }
        case .struct, .class:
            fingerprint?.add(tag: "d", String(mirror.children.count))
            var dictionary: [String: Any] = [:]
            for child in mirror.children {
                guard let label = child.label else { continue }
                fingerprint?.add(tag: "k", label)
                dictionary[label] = convert(child.value, fingerprint: fingerprint)
            }
            return dictionary
        default:
            // Not a shape the contexts use (an enum?): describe it rather than ignore it.
            fingerprint?.add(tag: "?", String(reflecting: value))
            return value
        }
    }
}
