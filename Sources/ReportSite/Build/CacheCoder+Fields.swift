import Foundation

// MARK: - Field lists for the small types a document holds by the hundred

/// A type the cache writes as the list of its fields, in a fixed order,
/// instead of through Codable's keyed containers.
///
/// Each keyed container costs the Swift runtime a look-up of its generic
/// types and two allocations, and each field a search by name: for
/// headings, positions, links and answers, held by the hundred in every
/// document, that was half of decoding the 10,000 cache entries of a
/// one-document build. A list is read straight through.
///
/// The order is the one the type declares its stored properties in. A test
/// (`everyFieldListHoldsEveryStoredProperty`) holds each list to that
/// count, so a property added to the type and not here fails it.
protocol CacheFields: SendableMetatype {
    init(cacheFields fields: inout FieldReader) throws
    func write(cacheFields fields: FieldWriter) throws
}

extension CacheFields {
    /// `Self` read from its list at `reader`, as `T`: the caller found
    /// `Self` by `T`'s identity. (Forced casts: an optional `T` would cost
    /// a runtime look-up of `Optional<T>` on every value.)
    static func read<T>(_ reader: StreamReader, as type: T.Type) throws -> T {
        var fields = try FieldReader(reader)
        let value = try Self(cacheFields: &fields)
        try fields.finish()
        return value as! T
    }

    static func write<T>(_ value: T, to writer: StreamWriter) throws {
        let value = value as! Self
        let depth = writer.openCount
        _ = writer.begin(.list)
        try value.write(cacheFields: FieldWriter(writer: writer))
        writer.closeContainers(downTo: depth)
    }
}

enum CacheFieldTypes {
    /// Every type written as a field list. Compared by identity: a cast to
    /// `CacheFields` would ask the runtime for a conformance on every value.
    static let all: [any CacheFields.Type] = [
        SourcePosition.self, Heading.self, MarkdownLink.self, NumberedSection.self, BodyPart.self, MeetingQuestion.self,
        InspectionRecommendation.self, Person.self, Day.self, DecodeCache.Entry.LinkResolution.self,
        DocumentLinkTarget.self, Timescale.self,
        // CacheCoder+Documents.swift
        DecodeCache.Entry.self, Document.self, Document.Content.self, DocumentBody.self, FrozenVersion.self,
        CommonMetadata.self, ChangeNote.self, MovedFrom.self, StatusUpdate.self, StatusUpdate.Target.self, Figure.self,
        Period.self, Period.Month.self, AssuranceMeeting.self, MeetingAction.self, BoardReport.self, ChecklistAnswer.self,
        InspectionResponse.self, DateRange.self, Page.self, ChartBlock.self, Diagnostic.self,
    ]

    /// `all`'s identities, searched as plain numbers: going through `all`
    /// itself asked the runtime for the existential array's type every time.
    private static let identities = all.map { ObjectIdentifier($0) }

    static func type(of type: Any.Type) -> (any CacheFields.Type)? {
        identities.firstIndex(of: ObjectIdentifier(type)).map { all[$0] }
    }
}

/// Reads a field list in order; every read is bounds-checked, and a list
/// with fields left over or missing throws (the entry is decoded again).
struct FieldReader {
    private var reader: StreamReader
    private let end: Int

    init(_ reader: StreamReader) throws {
        var reader = reader
        guard try reader.tag() == .list else { throw reader.corrupt() }
        let length = try reader.length()
        end = reader.offset + length
        self.reader = reader
    }

    private mutating func field() throws {
        guard reader.offset < end else { throw reader.corrupt() }
    }

    mutating func int() throws -> Int {
        try field()
        return Int(try reader.int())
    }

    mutating func string() throws -> String {
        try field()
        return try reader.text()
    }

    mutating func bool() throws -> Bool {
        try field()
        return try reader.bool()
    }

    mutating func double() throws -> Double {
        try field()
        return try reader.double()
    }

    /// A list of numbers, read straight through.
    mutating func ints() throws -> [Int] {
        try field()
        var list = try FieldReader(reader)
        var numbers: [Int] = []
        while list.reader.offset < list.end { numbers.append(try list.int()) }
        try reader.skipValue()
        return numbers
    }

    /// A list of values, read straight through: an array through
    /// `Decodable` asked the runtime for its generic types on every list.
    mutating func list<T: Decodable>(_ type: T.Type = T.self) throws -> [T] {
        try field()
        var list = try FieldReader(reader)
        var values: [T] = []
        while list.reader.offset < list.end { values.append(try list.value(T.self)) }
        try reader.skipValue()
        return values
    }

    /// An enumeration stored as its raw text.
    mutating func raw<T: RawRepresentable>(_ type: T.Type = T.self) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: try string()) else { throw reader.corrupt() }
        return value
    }

    mutating func optionalRaw<T: RawRepresentable>(_ type: T.Type = T.self) throws -> T? where T.RawValue == String {
        try field()
        guard try reader.peekTag() != .null else {
            try reader.skipValue()
            return nil
        }
        return try raw(T.self)
    }

    /// Where the next string lies in the bytes being read, without making
    /// the string (see `DocumentBody`).
    mutating func stringExtent() throws -> BodySpill.Extent {
        try field()
        guard try reader.tag() == .string else { throw reader.corrupt() }
        let count = try reader.rawString().count
        // The reader has just moved past the string's bytes.
        return BodySpill.Extent(offset: reader.offset - count, count: count)
    }

    /// Any other value, through the cache's decoder (a field list again when it is one).
    mutating func value<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try field()
        let value = try reader.decode(type)
        try reader.skipValue()
        return value
    }

    mutating func optional<T: Decodable>(_ type: T.Type = T.self) throws -> T? {
        try field()
        guard try reader.peekTag() != .null else {
            try reader.skipValue()
            return nil
        }
        return try value(type)
    }

    func finish() throws {
        guard reader.offset == end else { throw reader.corrupt() }
    }
}

struct FieldWriter {
    let writer: StreamWriter

    var userInfo: [CodingUserInfoKey: Any] { writer.userInfo }

    func int(_ value: Int) { writer.int(Int64(value)) }
    func string(_ value: String) { writer.string(value) }
    func bool(_ value: Bool) { writer.bool(value) }
    func double(_ value: Double) { writer.double(value) }
    func raw<T: RawRepresentable>(_ value: T) where T.RawValue == String { writer.string(value.rawValue) }

    func optionalRaw<T: RawRepresentable>(_ value: T?) where T.RawValue == String {
        if let value { raw(value) } else { writer.null() }
    }

    func ints(_ numbers: [Int]) {
        let depth = writer.openCount
        _ = writer.begin(.list)
        numbers.forEach(int)
        writer.closeContainers(downTo: depth)
    }
    func value<T: Encodable>(_ value: T) throws { try writer.value(value) }

    func list<T: Encodable>(_ values: [T]) throws {
        let depth = writer.openCount
        _ = writer.begin(.list)
        for value in values { try writer.value(value) }
        writer.closeContainers(downTo: depth)
    }

    func optional<T: Encodable>(_ value: T?) throws {
        if let value { try writer.value(value) } else { writer.null() }
    }
}

// MARK: - The types

extension SourcePosition: CacheFields {
    init(cacheFields fields: inout FieldReader) throws {
        self.init(line: try fields.int(), column: try fields.int())
    }

    func write(cacheFields fields: FieldWriter) {
        fields.int(line)
        fields.int(column)
    }
}

extension Heading: CacheFields {
    init(cacheFields fields: inout FieldReader) throws {
        self.init(level: try fields.int(), text: try fields.string(), id: try fields.string(), position: try fields.value())
    }

    func write(cacheFields fields: FieldWriter) throws {
        fields.int(level)
        fields.string(text)
        fields.string(id)
        try fields.value(position)
    }
}

extension MarkdownLink: CacheFields {
    init(cacheFields fields: inout FieldReader) throws {
        self.init(href: try fields.string(), isImage: try fields.bool(), position: try fields.value(), isReported: try fields.bool())
    }

    func write(cacheFields fields: FieldWriter) throws {
        fields.string(href)
        fields.bool(isImage)
        try fields.value(position)
        fields.bool(isReported)
    }
}

extension NumberedSection: CacheFields {
    init(cacheFields fields: inout FieldReader) throws {
        self.init(number: try fields.string(), title: try fields.optional())
    }

    func write(cacheFields fields: FieldWriter) throws {
        fields.string(number)
        try fields.optional(title)
    }
}

extension BodyPart: CacheFields {
    /// One field, the ranges, as bounds one after another.
    init(cacheFields fields: inout FieldReader) throws {
        self.init()
        let bounds = try fields.ints()
        guard bounds.count % 2 == 0 else { throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "odd range bounds")) }
        for index in stride(from: 0, to: bounds.count, by: 2) {
            guard bounds[index] <= bounds[index + 1] else {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "a range ends before it starts"))
            }
            append(bounds[index]..<bounds[index + 1])
        }
    }

    /// As `encode(to:)`: a document's face keeps only whether there are ranges.
    func write(cacheFields fields: FieldWriter) throws {
        let ranges = fields.userInfo[PageInputs.faceKey] == nil ? ranges : isEmpty ? [] : [0..<1]
        fields.ints(ranges.flatMap { [$0.lowerBound, $0.upperBound] })
    }
}

extension MeetingQuestion: CacheFields {
    init(cacheFields fields: inout FieldReader) throws {
        self.init(
            number: try fields.int(), question: try fields.string(), answer: try fields.value(),
            hasPostMeetingInformation: try fields.bool())
    }

    func write(cacheFields fields: FieldWriter) throws {
        fields.int(number)
        fields.string(question)
        try fields.value(answer)
        fields.bool(hasPostMeetingInformation)
    }
}

extension InspectionRecommendation: CacheFields {
    init(cacheFields fields: inout FieldReader) throws {
        self.init(
            number: try fields.int(), text: try fields.string(), timescale: try fields.value(), status: try fields.raw(),
            position: try fields.optional(), response: try fields.optional(), furtherWork: try fields.optional())
    }

    func write(cacheFields fields: FieldWriter) throws {
        fields.int(number)
        fields.string(text)
        try fields.value(timescale)
        fields.string(status.rawValue)
        try fields.optional(position)
        try fields.optional(response)
        try fields.optional(furtherWork)
    }
}

extension Person: CacheFields {
    init(cacheFields fields: inout FieldReader) throws {
        self.init(name: try fields.string(), role: try fields.string())
    }

    func write(cacheFields fields: FieldWriter) {
        fields.string(name)
        fields.string(role)
    }
}

extension Day: CacheFields {
    init(cacheFields fields: inout FieldReader) throws {
        guard let day = Day(year: try fields.int(), month: try fields.int(), day: try fields.int()) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not a date"))
        }
        self = day
    }

    func write(cacheFields fields: FieldWriter) {
        fields.int(year)
        fields.int(month)
        fields.int(day)
    }
}

extension DecodeCache.Entry.LinkResolution: CacheFields {
    init(cacheFields fields: inout FieldReader) throws {
        self.init(path: try fields.string(), target: try fields.value())
    }

    func write(cacheFields fields: FieldWriter) throws {
        fields.string(path)
        try fields.value(target)
    }
}

// Enumerations: a number for the case, then its values. A case added or
// changed fails to compile here.

extension DocumentLinkTarget: CacheFields {
    init(cacheFields fields: inout FieldReader) throws {
        switch try fields.int() {
        case 0: self = .page(try fields.string())
        case 1: self = .missing(note: try fields.optional())
        default: throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "no such link target"))
        }
    }

    func write(cacheFields fields: FieldWriter) throws {
        switch self {
        case let .page(path):
            fields.int(0)
            fields.string(path)
        case let .missing(note):
            fields.int(1)
            try fields.optional(note)
        }
    }
}

extension Timescale: CacheFields {
    init(cacheFields fields: inout FieldReader) throws {
        switch try fields.int() {
        case 0: self = .immediately
        case 1: self = .within(try fields.int(), try fields.raw())
        default: throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "no such timescale"))
        }
    }

    func write(cacheFields fields: FieldWriter) {
        switch self {
        case .immediately:
            fields.int(0)
        case let .within(count, unit):
            fields.int(1)
            fields.int(count)
            fields.string(unit.rawValue)
        }
    }
}
