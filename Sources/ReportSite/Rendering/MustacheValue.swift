import Foundation

/// Turns a page context (nested structs) into dictionaries and arrays once,
/// before rendering.
///
/// swift-mustache looks each name up by reflecting the context with `Mirror`,
/// again for every tag and every level of the context stack; on a long list or
/// tracker page that was most of the build. A dictionary lookup is a hash.
/// A missing value becomes `NSNull`, which Mustache treats like `nil` and which,
/// like a struct's nil property, stops the lookup at this level.
enum MustacheValue {
    static func convert(_ value: Any) -> Any {
        switch value {
        case let value as TrustedHTML: return value
        case let value as String: return value
        case is Int, is Bool, is Double: return value
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let wrapped = mirror.children.first else { return NSNull() }
            return convert(wrapped.value)
        case .collection, .set:
            return mirror.children.map { convert($0.value) }
        case .struct, .class:
            var dictionary: [String: Any] = [:]
            for child in mirror.children {
                if let label = child.label { dictionary[label] = convert(child.value) }
            }
            return dictionary
        default:
            return value
        }
    }
}
