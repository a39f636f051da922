/// Keeps a large value behind one reference, copied only when changed.
///
/// A `Document` is copied into every index, tracker row and topic of the
/// site graph. Its metadata and typed content were most of its 592 bytes, so
/// each copy of a 10,000-document site cost megabytes; boxed, a copy shares
/// them.
@propertyWrapper
public struct Boxed<Value: Sendable>: Sendable {
    private final class Box: @unchecked Sendable {
        // Written only through `wrappedValue`'s setter, and only while this
        // box has a single owner.
        var value: Value
        init(_ value: Value) { self.value = value }
    }

    private var box: Box

    public init(wrappedValue: Value) {
        box = Box(wrappedValue)
    }

    public var wrappedValue: Value {
        get { box.value }
        set {
            if isKnownUniquelyReferenced(&box) {
                box.value = newValue
            } else {
                box = Box(newValue)
            }
        }
    }
}

extension Boxed: Codable where Value: Codable {
    /// Coded as the value itself.
    public init(from decoder: Decoder) throws {
        self.init(wrappedValue: try Value(from: decoder))
    }

    public func encode(to encoder: Encoder) throws {
        try wrappedValue.encode(to: encoder)
    }
}
