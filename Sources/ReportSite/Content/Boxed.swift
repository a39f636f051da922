/// Keeps a large value behind one reference, copied only when changed.
///
/// A `Document` is copied into every index, tracker row, topic and page
/// plan of the site graph; boxed, a copy shares its fields (one retain)
/// instead of copying them (a retain for each).
@propertyWrapper
public struct Boxed<Value: Sendable>: Sendable {
    private final class Box: @unchecked Sendable {
        // Changed only through `wrappedValue`, and only while this box has a
        // single owner.
        var value: Value
        init(_ value: Value) { self.value = value }
    }

    private var box: Box

    public init(wrappedValue: Value) {
        box = Box(wrappedValue)
    }

    // Read and changed in place (`_read`, `_modify`): reading one field of
    // a boxed struct does not copy the others, and changing one copies the
    // box only when it is shared.
    public var wrappedValue: Value {
        _read { yield box.value }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
            yield &box.value
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
