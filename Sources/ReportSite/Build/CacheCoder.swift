import Foundation

/// A compact binary form for `Codable` values, for the decode cache only.
///
/// Foundation's JSON coders spent 7 s writing and 3.5 s reading the cache of
/// the 10,000-document benchmark site. This form is written straight into one
/// byte buffer as the value's `encode(to:)` runs, and read in place by
/// `decode`: strings are a length and bytes (no escaping), numbers are
/// varints (no parsing), and a map or list starts with its byte length, so a
/// reader skips what it does not need without walking it. There is no
/// intermediate tree on either side: that tree, one object per value, was
/// most of the cost of the earlier form.
///
/// The format is private to one reportsite build (the cache key includes the
/// generator), so it may change freely. Damaged bytes throw; they never crash.
enum CacheCoder {
    static func encode<T: Encodable>(_ value: T, userInfo: [CodingUserInfoKey: Any] = [:]) throws -> Data {
        let writer = StreamWriter()
        writer.userInfo = userInfo
        try writer.value(value)
        writer.closeContainers(downTo: 0)
        return Data(writer.out)
    }

    /// Integer types besides `Int`, written as what they are (see
    /// `StreamWriter.value`). Compared one by one: hashing the type for a
    /// set cost more, for every value that is none of them.
    static func isOtherInteger(_ type: ObjectIdentifier) -> Bool {
        switch type {
        case ObjectIdentifier(Int8.self), ObjectIdentifier(Int16.self), ObjectIdentifier(Int32.self),
            ObjectIdentifier(Int64.self), ObjectIdentifier(UInt.self), ObjectIdentifier(UInt8.self),
            ObjectIdentifier(UInt16.self), ObjectIdentifier(UInt32.self), ObjectIdentifier(UInt64.self):
            true
        default: false
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try data.withUnsafeBytes { try decode(T.self, from: $0) }
    }

    static func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws -> T {
        // The reader points into `bytes`: it must not outlive this call,
        // and Decodable initialisers do not keep their decoder.
        try StreamReader(bytes: bytes, offset: 0).decode(T.self)
    }
}

/// The first byte of every value.
enum CacheTag: UInt8 {
    case null, falseValue, trueValue, int, double, string, list, map
}

// MARK: - Encoding

/// The `Encoder`: containers write through it into `out`, in order.
///
/// A map or list opens with a 4-byte length that is filled in when it closes.
/// Codable has no "container finished" call, so a container closes when a
/// container further out writes again, or when the value that opened it
/// returns from `encode(to:)`. Synthesized conformances write each container
/// to the end before going back out, which is all this needs; a container
/// written to after it closed throws, and the entry is simply not cached.
final class StreamWriter: Encoder {
    var out: [UInt8] = []
    /// Open containers, outermost first: an id and where its length goes.
    private var open: [(id: Int, lengthAt: Int)] = []
    var openCount: Int { open.count }
    private var lastID = 0
    var codingPath: [CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init() {
        out.reserveCapacity(16 * 1024)
    }

    func value<T: Encodable>(_ value: T) throws {
        // Types are compared by identity before any cast: a failed cast
        // (`as? any BinaryInteger` on every struct) costs a conformance lookup.
        let type = ObjectIdentifier(T.self)
        switch type {
        case ObjectIdentifier(String.self): string(value as! String)
        case ObjectIdentifier(Int.self): int(Int64(value as! Int))
        case ObjectIdentifier(Bool.self): bool(value as! Bool)
        case ObjectIdentifier(Double.self): double(value as! Double)
        // Other primitives encode themselves through a single-value container,
        // which would come straight back here: write them as what they are.
        case _ where CacheCoder.isOtherInteger(type):
            guard let integer = value as? any BinaryInteger, let number = Int64(exactly: integer) else {
                throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "too large for the cache"))
            }
            int(number)
        case ObjectIdentifier(Float.self): double(Double(value as! Float))
        default:
            if let fieldType = CacheFieldTypes.type(of: T.self) { return try fieldType.write(value, to: self) }
            let depth = open.count
            let start = out.count
            try value.encode(to: self)
            closeContainers(downTo: depth)
            if out.count == start { null() }
        }
    }

    func null() { out.append(CacheTag.null.rawValue) }
    func bool(_ flag: Bool) { out.append(flag ? CacheTag.trueValue.rawValue : CacheTag.falseValue.rawValue) }

    func int(_ number: Int64) {
        out.append(CacheTag.int.rawValue)
        varint(UInt64(bitPattern: (number << 1) ^ (number >> 63)))
    }

    func double(_ number: Double) {
        out.append(CacheTag.double.rawValue)
        varint(number.bitPattern)
    }

    func string(_ text: String) {
        out.append(CacheTag.string.rawValue)
        bytes(text)
    }

    /// A string's length and UTF-8 bytes, without a tag (keys are written so).
    func bytes(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            varint(UInt64(utf8.count))
            out.append(contentsOf: utf8)
        }
    }

    private func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        out.append(UInt8(value))
    }

    /// Starts a map or list; returns the id its container writes with.
    func begin(_ tag: CacheTag) -> Int {
        out.append(tag.rawValue)
        lastID += 1
        open.append((lastID, out.count))
        out.append(contentsOf: [0, 0, 0, 0])
        return lastID
    }

    /// Called before a container writes: closes every container opened
    /// inside it, and fails if it is itself closed already.
    func prepare(_ id: Int) throws {
        guard let depth = open.lastIndex(where: { $0.id == id }) else {
            throw EncodingError.invalidValue(id, .init(codingPath: [], debugDescription: "a closed container was written to"))
        }
        closeContainers(downTo: depth + 1)
    }

    /// Fills in the lengths of the containers above `depth`.
    func closeContainers(downTo depth: Int) {
        while open.count > depth {
            let (_, at) = open.removeLast()
            let length = UInt32(truncatingIfNeeded: out.count - at - 4)
            for shift in 0..<4 { out[at + shift] = UInt8(truncatingIfNeeded: length >> (8 * UInt32(shift))) }
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(MapWriter<Key>(writer: self, id: begin(.map)))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        ListWriter(writer: self, id: begin(.list))
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        SingleWriter(writer: self)
    }
}

struct MapWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: StreamWriter
    let id: Int
    var codingPath: [CodingKey] { [] }

    private func key(_ key: Key) throws {
        try writer.prepare(id)
        writer.bytes(key.stringValue)
    }

    mutating func encodeNil(forKey key: Key) throws {
        try self.key(key)
        writer.null()
    }

    // The types synthesized conformances write most, without a dynamic cast.
    mutating func encode(_ value: String, forKey key: Key) throws {
        try self.key(key)
        writer.string(value)
    }

    mutating func encode(_ value: Int, forKey key: Key) throws {
        try self.key(key)
        writer.int(Int64(value))
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        try self.key(key)
        writer.bool(value)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try self.key(key)
        try writer.value(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        // Cannot throw here: a closed container is caught by the next write.
        try? self.key(key)
        return writer.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        try? self.key(key)
        return writer.unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder { writer }
    mutating func superEncoder(forKey key: Key) -> Encoder {
        try? self.key(key)
        return writer
    }
}

struct ListWriter: UnkeyedEncodingContainer {
    let writer: StreamWriter
    let id: Int
    var codingPath: [CodingKey] { [] }
    private(set) var count = 0

    init(writer: StreamWriter, id: Int) {
        self.writer = writer
        self.id = id
    }

    mutating func encodeNil() throws {
        try writer.prepare(id)
        writer.null()
        count += 1
    }

    mutating func encode(_ value: String) throws {
        try writer.prepare(id)
        writer.string(value)
        count += 1
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try writer.prepare(id)
        try writer.value(value)
        count += 1
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        try? writer.prepare(id)
        count += 1
        return writer.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        try? writer.prepare(id)
        count += 1
        return writer.unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder {
        try? writer.prepare(id)
        count += 1
        return writer
    }
}

struct SingleWriter: SingleValueEncodingContainer {
    let writer: StreamWriter
    var codingPath: [CodingKey] { [] }

    mutating func encodeNil() throws { writer.null() }
    mutating func encode(_ value: String) throws { writer.string(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try writer.value(value) }
}
