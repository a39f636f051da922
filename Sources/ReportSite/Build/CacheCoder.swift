import Foundation

/// A compact binary form for `Codable` values, for the decode cache only.
///
/// Foundation's JSON coders spent 7 s writing and 3.5 s reading the cache of
/// the 10,000-document benchmark site; this form is a tagged tree (strings
/// as length and bytes, no escaping, no number parsing) that reads back with
/// one pass over the bytes. It is private to one reportsite build: the cache
/// key includes the generator, so the format may change freely.
enum CacheCoder {
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = TreeEncoder()
        try value.encode(to: encoder)
        var out = Data()
        encoder.root.value.write(to: &out)
        return out
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        var reader = ByteReader(bytes: [UInt8](data))
        let tree = try reader.value()
        return try T(from: TreeDecoder(tree, path: []))
    }
}

/// The tree both sides work on.
indirect enum CacheValue {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([CacheValue])
    /// Keys in the order they were written (synthesized Codable reads them back in the same order).
    case map([(key: String, value: CacheValue)])

    private enum Tag: UInt8 { case null, falseValue, trueValue, int, double, string, array, map }

    func write(to out: inout Data) {
        switch self {
        case .null: out.append(Tag.null.rawValue)
        case let .bool(flag): out.append(flag ? Tag.trueValue.rawValue : Tag.falseValue.rawValue)
        case let .int(number):
            out.append(Tag.int.rawValue)
            Self.varint(UInt64(bitPattern: (number << 1) ^ (number >> 63)), to: &out)
        case let .double(number):
            out.append(Tag.double.rawValue)
            Self.varint(number.bitPattern, to: &out)
        case let .string(text):
            out.append(Tag.string.rawValue)
            Self.string(text, to: &out)
        case let .array(values):
            out.append(Tag.array.rawValue)
            Self.varint(UInt64(values.count), to: &out)
            for value in values { value.write(to: &out) }
        case let .map(entries):
            out.append(Tag.map.rawValue)
            Self.varint(UInt64(entries.count), to: &out)
            for (key, value) in entries {
                Self.string(key, to: &out)
                value.write(to: &out)
            }
        }
    }

    private static func string(_ text: String, to out: inout Data) {
        var text = text
        text.withUTF8 { utf8 in
            varint(UInt64(utf8.count), to: &out)
            out.append(utf8.baseAddress!, count: utf8.count)
        }
    }

    private static func varint(_ value: UInt64, to out: inout Data) {
        var value = value
        while value >= 0x80 {
            out.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        out.append(UInt8(value))
    }

    fileprivate static func read(_ reader: inout ByteReader) throws -> CacheValue {
        guard let tag = Tag(rawValue: try reader.byte()) else { throw reader.corrupt() }
        switch tag {
        case .null: return .null
        case .falseValue: return .bool(false)
        case .trueValue: return .bool(true)
        case .int:
            let raw = try reader.varint()
            return .int(Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1))
        case .double: return .double(Double(bitPattern: try reader.varint()))
        case .string: return .string(try reader.string())
        case .array:
            let count = Int(try reader.varint())
            var values: [CacheValue] = []
            values.reserveCapacity(min(count, 1 << 16))
            for _ in 0..<count { values.append(try read(&reader)) }
            return .array(values)
        case .map:
            let count = Int(try reader.varint())
            var entries: [(key: String, value: CacheValue)] = []
            entries.reserveCapacity(min(count, 1 << 16))
            for _ in 0..<count {
                let key = try reader.string()
                entries.append((key, try read(&reader)))
            }
            return .map(entries)
        }
    }
}

struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    func corrupt() -> DecodingError {
        .dataCorrupted(.init(codingPath: [], debugDescription: "cache entry is damaged at byte \(offset)"))
    }

    mutating func byte() throws -> UInt8 {
        guard offset < bytes.count else { throw corrupt() }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func varint() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try byte()
            guard shift < 64 else { throw corrupt() }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    mutating func string() throws -> String {
        let count = Int(try varint())
        guard count >= 0, offset + count <= bytes.count else { throw corrupt() }
        defer { offset += count }
        return bytes.withUnsafeBufferPointer { String(decoding: $0[offset..<(offset + count)], as: UTF8.self) }
    }

    mutating func value() throws -> CacheValue {
        try CacheValue.read(&self)
    }
}

// MARK: - Encoding

/// A box the encoder's containers write into; read once encoding is done.
final class ValueBox {
    var value: CacheValue = .null
    var array: [ValueBox] = []
    var map: [(String, ValueBox)] = []
    enum Shape { case single, array, map }
    var shape = Shape.single

    var finished: CacheValue {
        switch shape {
        case .single: value
        case .array: .array(array.map(\.finished))
        case .map: .map(map.map { ($0.0, $0.1.finished) })
        }
    }
}

final class TreeEncoder: Encoder {
    let box: ValueBox
    var codingPath: [CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]
    var root: (box: ValueBox, value: CacheValue) { (box, box.finished) }

    init(box: ValueBox = ValueBox()) {
        self.box = box
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        box.shape = .map
        return KeyedEncodingContainer(KeyedWriter<Key>(box: box))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        box.shape = .array
        return ArrayWriter(box: box)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        SingleWriter(box: box)
    }

    static func value<T: Encodable>(_ value: T) throws -> ValueBox {
        let box = ValueBox()
        switch value {
        case let text as String: box.value = .string(text)
        default: try value.encode(to: TreeEncoder(box: box))
        }
        return box
    }
}

struct KeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: ValueBox
    var codingPath: [CodingKey] = []

    mutating func put(_ key: Key, _ value: CacheValue) {
        let child = ValueBox()
        child.value = value
        box.map.append((key.stringValue, child))
    }

    mutating func encodeNil(forKey key: Key) throws { put(key, .null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(key, .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(key, .string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(key, .double(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(key, .int(Int64(value))) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(key, .int(Int64(value))) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(key, .int(Int64(value))) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(key, .int(Int64(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(key, .int(Int64(value))) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(key, .int(Int64(value))) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(key, .int(Int64(value))) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(key, .int(Int64(value))) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(key, .int(Int64(value))) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { put(key, .int(Int64(value))) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(key, .double(Double(value))) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        box.map.append((key.stringValue, try TreeEncoder.value(value)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = ValueBox()
        child.shape = .map
        box.map.append((key.stringValue, child))
        return KeyedEncodingContainer(KeyedWriter<NestedKey>(box: child))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        let child = ValueBox()
        child.shape = .array
        box.map.append((key.stringValue, child))
        return ArrayWriter(box: child)
    }

    mutating func superEncoder() -> Encoder { TreeEncoder(box: box) }
    mutating func superEncoder(forKey key: Key) -> Encoder {
        let child = ValueBox()
        box.map.append((key.stringValue, child))
        return TreeEncoder(box: child)
    }
}

struct ArrayWriter: UnkeyedEncodingContainer {
    let box: ValueBox
    var codingPath: [CodingKey] = []
    var count: Int { box.array.count }

    mutating func encodeNil() throws {
        box.array.append(ValueBox())
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        box.array.append(try TreeEncoder.value(value))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = ValueBox()
        child.shape = .map
        box.array.append(child)
        return KeyedEncodingContainer(KeyedWriter<NestedKey>(box: child))
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        let child = ValueBox()
        child.shape = .array
        box.array.append(child)
        return ArrayWriter(box: child)
    }

    mutating func superEncoder() -> Encoder {
        let child = ValueBox()
        box.array.append(child)
        return TreeEncoder(box: child)
    }
}

struct SingleWriter: SingleValueEncodingContainer {
    let box: ValueBox
    var codingPath: [CodingKey] = []

    mutating func encodeNil() throws { box.value = .null }
    mutating func encode(_ value: Bool) throws { box.value = .bool(value) }
    mutating func encode(_ value: String) throws { box.value = .string(value) }
    mutating func encode(_ value: Double) throws { box.value = .double(value) }
    mutating func encode(_ value: Int) throws { box.value = .int(Int64(value)) }
    mutating func encode(_ value: Int8) throws { box.value = .int(Int64(value)) }
    mutating func encode(_ value: Int16) throws { box.value = .int(Int64(value)) }
    mutating func encode(_ value: Int32) throws { box.value = .int(Int64(value)) }
    mutating func encode(_ value: Int64) throws { box.value = .int(Int64(value)) }
    mutating func encode(_ value: UInt) throws { box.value = .int(Int64(value)) }
    mutating func encode(_ value: UInt8) throws { box.value = .int(Int64(value)) }
    mutating func encode(_ value: UInt16) throws { box.value = .int(Int64(value)) }
    mutating func encode(_ value: UInt32) throws { box.value = .int(Int64(value)) }
    mutating func encode(_ value: UInt64) throws { box.value = .int(Int64(value)) }
    mutating func encode(_ value: Float) throws { box.value = .double(Double(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let inner = try TreeEncoder.value(value)
        box.shape = inner.shape
        box.value = inner.value
        box.array = inner.array
        box.map = inner.map
    }
}

// MARK: - Decoding

struct TreeDecoder: Decoder {
    let value: CacheValue
    var codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ value: CacheValue, path: [CodingKey]) {
        self.value = value
        codingPath = path
    }

    func mismatch(_ expected: String) -> DecodingError {
        .typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "expected \(expected) in the cache entry"))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case let .map(entries) = value else { throw mismatch("a map") }
        return KeyedDecodingContainer(KeyedReader<Key>(entries: entries, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        guard case let .array(values) = value else { throw mismatch("an array") }
        return ArrayReader(values: values, codingPath: codingPath)
    }

    func singleValueContainer() throws -> SingleValueDecodingContainer {
        SingleReader(value: value, codingPath: codingPath)
    }

    static func decode<T: Decodable>(_ type: T.Type, from value: CacheValue, path: [CodingKey]) throws -> T {
        if T.self == String.self {
            guard case let .string(text) = value else { throw TreeDecoder(value, path: path).mismatch("text") }
            return text as! T
        }
        return try T(from: TreeDecoder(value, path: path))
    }
}

struct KeyedReader<Key: CodingKey>: KeyedDecodingContainerProtocol {
    /// A struct has a handful of keys: a linear search beats building a dictionary.
    let entries: [(key: String, value: CacheValue)]
    var codingPath: [CodingKey]
    var allKeys: [Key] { entries.compactMap { Key(stringValue: $0.key) } }

    func contains(_ key: Key) -> Bool { entries.contains { $0.key == key.stringValue } }

    func entry(_ key: Key) throws -> CacheValue {
        let name = key.stringValue
        guard let value = entries.first(where: { $0.key == name })?.value else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "not in the cache entry"))
        }
        return value
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        if case .null = try entry(key) { return true }
        return false
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        guard case let .bool(flag) = try entry(key) else { throw TreeDecoder(.null, path: codingPath + [key]).mismatch("a flag") }
        return flag
    }

    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        guard case let .string(text) = try entry(key) else { throw TreeDecoder(.null, path: codingPath + [key]).mismatch("text") }
        return text
    }

    func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
        guard case let .int(number) = try entry(key) else { throw TreeDecoder(.null, path: codingPath + [key]).mismatch("a number") }
        return Int(number)
    }

    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        guard case let .double(number) = try entry(key) else { throw TreeDecoder(.null, path: codingPath + [key]).mismatch("a number") }
        return number
    }

    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { Int8(try decode(Int.self, forKey: key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { Int16(try decode(Int.self, forKey: key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { Int32(try decode(Int.self, forKey: key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { Int64(try decode(Int.self, forKey: key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { UInt(try decode(Int.self, forKey: key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { UInt8(try decode(Int.self, forKey: key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { UInt16(try decode(Int.self, forKey: key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { UInt32(try decode(Int.self, forKey: key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { UInt64(try decode(Int.self, forKey: key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try decode(Double.self, forKey: key)) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try TreeDecoder.decode(type, from: try entry(key), path: codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try TreeDecoder(try entry(key), path: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
        try TreeDecoder(try entry(key), path: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> Decoder { TreeDecoder(.map(entries), path: codingPath) }
    func superDecoder(forKey key: Key) throws -> Decoder { TreeDecoder(try entry(key), path: codingPath + [key]) }
}

struct ArrayReader: UnkeyedDecodingContainer {
    let values: [CacheValue]
    var codingPath: [CodingKey]
    var currentIndex = 0
    var count: Int? { values.count }
    var isAtEnd: Bool { currentIndex >= values.count }

    init(values: [CacheValue], codingPath: [CodingKey]) {
        self.values = values
        self.codingPath = codingPath
    }

    mutating func next() throws -> CacheValue {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: codingPath, debugDescription: "the cached array ended"))
        }
        defer { currentIndex += 1 }
        return values[currentIndex]
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, case .null = values[currentIndex] else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try TreeDecoder.decode(type, from: try next(), path: codingPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try TreeDecoder(try next(), path: codingPath).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer {
        try TreeDecoder(try next(), path: codingPath).unkeyedContainer()
    }

    mutating func superDecoder() throws -> Decoder { TreeDecoder(try next(), path: codingPath) }
}

struct SingleReader: SingleValueDecodingContainer {
    let value: CacheValue
    var codingPath: [CodingKey]

    func decodeNil() -> Bool {
        if case .null = value { return true }
        return false
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case let .bool(flag) = value else { throw TreeDecoder(value, path: codingPath).mismatch("a flag") }
        return flag
    }

    func decode(_ type: String.Type) throws -> String {
        guard case let .string(text) = value else { throw TreeDecoder(value, path: codingPath).mismatch("text") }
        return text
    }

    func decode(_ type: Int.Type) throws -> Int {
        guard case let .int(number) = value else { throw TreeDecoder(value, path: codingPath).mismatch("a number") }
        return Int(number)
    }

    func decode(_ type: Double.Type) throws -> Double {
        guard case let .double(number) = value else { throw TreeDecoder(value, path: codingPath).mismatch("a number") }
        return number
    }

    func decode(_ type: Int8.Type) throws -> Int8 { Int8(try decode(Int.self)) }
    func decode(_ type: Int16.Type) throws -> Int16 { Int16(try decode(Int.self)) }
    func decode(_ type: Int32.Type) throws -> Int32 { Int32(try decode(Int.self)) }
    func decode(_ type: Int64.Type) throws -> Int64 { Int64(try decode(Int.self)) }
    func decode(_ type: UInt.Type) throws -> UInt { UInt(try decode(Int.self)) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { UInt8(try decode(Int.self)) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { UInt16(try decode(Int.self)) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { UInt32(try decode(Int.self)) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { UInt64(try decode(Int.self)) }
    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try TreeDecoder.decode(type, from: value, path: codingPath)
    }
}
