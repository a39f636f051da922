import Foundation

// MARK: - Reading values in place

/// A position in an encoded entry. Every read is bounds-checked: a torn or
/// damaged entry throws, and the document is decoded again from its source.
struct StreamReader {
    let bytes: UnsafeRawBufferPointer
    var offset: Int

    func corrupt() -> DecodingError {
        .dataCorrupted(.init(codingPath: [], debugDescription: "cache entry is damaged at byte \(offset)"))
    }

    mutating func byte() throws -> UInt8 {
        guard offset < bytes.count else { throw corrupt() }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func tag() throws -> CacheTag {
        guard let tag = CacheTag(rawValue: try byte()) else { throw corrupt() }
        return tag
    }

    func peekTag() throws -> CacheTag {
        var copy = self
        return try copy.tag()
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

    /// The byte length that opens a map or list; checked against the entry's end.
    mutating func length() throws -> Int {
        guard offset + 4 <= bytes.count else { throw corrupt() }
        var length = 0
        for shift in 0..<4 { length |= Int(bytes[offset + shift]) << (8 * shift) }
        offset += 4
        guard offset + length <= bytes.count else { throw corrupt() }
        return length
    }

    /// The bytes of a length-prefixed string, without making a `String`.
    mutating func rawString() throws -> UnsafeRawBufferPointer {
        let count = Int(try varint())
        guard count >= 0, offset + count <= bytes.count else { throw corrupt() }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
    }

    mutating func string() throws -> String {
        String(decoding: try rawString(), as: UTF8.self)
    }

    /// Moves past one whole value.
    mutating func skipValue() throws {
        switch try tag() {
        case .null, .falseValue, .trueValue: break
        case .int, .double: _ = try varint()
        case .string: _ = try rawString()
        case .list, .map: offset += try length()
        }
    }

    // MARK: Typed values

    mutating func bool() throws -> Bool {
        switch try tag() {
        case .trueValue: return true
        case .falseValue: return false
        default: throw corrupt()
        }
    }

    mutating func int() throws -> Int64 {
        guard try tag() == .int else { throw corrupt() }
        let raw = try varint()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    mutating func double() throws -> Double {
        guard try tag() == .double else { throw corrupt() }
        return Double(bitPattern: try varint())
    }

    mutating func text() throws -> String {
        guard try tag() == .string else { throw corrupt() }
        return try string()
    }

    /// Decodes the value here (the reader itself does not move).
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        var reader = self
        if T.self == String.self { return try reader.text() as! T }
        if T.self == Int.self { return Int(try reader.int()) as! T }
        if T.self == Bool.self { return try reader.bool() as! T }
        if T.self == Double.self { return try reader.double() as! T }
        // As in `StreamWriter.value`: primitives that would otherwise ask for
        // a single-value container and come straight back here.
        if CacheCoder.isOtherInteger(ObjectIdentifier(T.self)), let integer = T.self as? any FixedWidthInteger.Type {
            return try self.integer(integer) as! T
        }
        if T.self == Float.self { return Float(try reader.double()) as! T }
        if let fieldType = CacheFieldTypes.type(of: T.self) { return try fieldType.read(self, as: T.self) }
        return try T(from: StreamDecoder(reader: self))
    }

    func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        var reader = self
        guard let number = T(exactly: try reader.int()) else { throw corrupt() }
        return number
    }
}

// MARK: - Decoder

struct StreamDecoder: Decoder {
    let reader: StreamReader
    var codingPath: [CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        var body = reader
        guard try body.tag() == .map else { throw reader.corrupt() }
        let length = try body.length()
        return KeyedDecodingContainer(MapReader<Key>(map: reader, body: body, end: body.offset + length))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        var body = reader
        guard try body.tag() == .list else { throw reader.corrupt() }
        let length = try body.length()
        return ListReader(item: body, end: body.offset + length)
    }

    func singleValueContainer() throws -> SingleValueDecodingContainer {
        SingleReader(reader: reader)
    }
}

/// Finds keys in a map's entries. Synthesized conformances ask for keys in
/// the order they were written, so the search starts where the last one was
/// found: one comparison per key in the usual case.
struct MapReader<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let map: StreamReader
    let body: StreamReader
    let end: Int
    private let cursor: Cursor
    var codingPath: [CodingKey] { [] }

    final class Cursor {
        var entry: Int
        init(_ entry: Int) { self.entry = entry }
    }

    init(map: StreamReader, body: StreamReader, end: Int) {
        self.map = map
        self.body = body
        self.end = end
        cursor = Cursor(body.offset)
    }

    var allKeys: [Key] {
        var keys: [Key] = []
        var reader = body
        while reader.offset < end {
            guard let name = try? reader.string(), (try? reader.skipValue()) != nil else { break }
            if let key = Key(stringValue: name) { keys.append(key) }
        }
        return keys
    }

    /// The value stored under `key`, if there is one.
    private func find(_ key: Key) throws -> StreamReader? {
        var name = key.stringValue
        return try name.withUTF8 { wanted -> StreamReader? in
            func scan(from: Int, to: Int) throws -> StreamReader? {
                var reader = body
                reader.offset = from
                while reader.offset < to {
                    let entry = reader.offset
                    let stored = try reader.rawString()
                    if stored.count == wanted.count,
                        stored.count == 0 || memcmp(stored.baseAddress!, wanted.baseAddress!, stored.count) == 0
                    {
                        cursor.entry = entry
                        return reader
                    }
                    try reader.skipValue()
                }
                return nil
            }
            // From the cursor to the end, then from the start to the cursor
            // (no array of the two ranges: this runs for every field decoded).
            let start = cursor.entry
            return try scan(from: start, to: end) ?? scan(from: body.offset, to: start)
        }
    }

    private func value(_ key: Key) throws -> StreamReader {
        guard let reader = try find(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "not in the cache entry"))
        }
        return reader
    }

    func contains(_ key: Key) -> Bool { (try? find(key)) != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        try value(key).peekTag() == .null
    }

    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        var reader = try value(key)
        return try reader.text()
    }

    func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
        var reader = try value(key)
        return Int(try reader.int())
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        var reader = try value(key)
        return try reader.bool()
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try value(key).decode(type)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try StreamDecoder(reader: try value(key)).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
        try StreamDecoder(reader: try value(key)).unkeyedContainer()
    }

    func superDecoder() throws -> Decoder { StreamDecoder(reader: map) }
    func superDecoder(forKey key: Key) throws -> Decoder { StreamDecoder(reader: try value(key)) }
}

struct ListReader: UnkeyedDecodingContainer {
    /// The next item.
    var item: StreamReader
    let end: Int
    var codingPath: [CodingKey] { [] }
    var count: Int? { nil }
    private(set) var currentIndex = 0
    var isAtEnd: Bool { item.offset >= end }

    init(item: StreamReader, end: Int) {
        self.item = item
        self.end = end
    }

    /// The reader for the next item, and moves past it.
    mutating func next() throws -> StreamReader {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: [], debugDescription: "the cached list ended"))
        }
        let here = item
        try item.skipValue()
        currentIndex += 1
        return here
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, try item.peekTag() == .null else { return false }
        _ = try next()
        return true
    }

    mutating func decode(_ type: String.Type) throws -> String {
        var reader = try next()
        return try reader.text()
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try next().decode(type)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try StreamDecoder(reader: try next()).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer {
        try StreamDecoder(reader: try next()).unkeyedContainer()
    }

    mutating func superDecoder() throws -> Decoder { StreamDecoder(reader: try next()) }
}

struct SingleReader: SingleValueDecodingContainer {
    let reader: StreamReader
    var codingPath: [CodingKey] { [] }

    func decodeNil() -> Bool { (try? reader.peekTag()) == .null }

    func decode(_ type: String.Type) throws -> String {
        var reader = reader
        return try reader.text()
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try reader.decode(type)
    }
}
