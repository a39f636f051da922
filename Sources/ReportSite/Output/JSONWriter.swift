/// Writes JSON straight into bytes, for files whose shape is fixed and that
/// every build writes: Foundation's JSONEncoder took over a second for the
/// 15 MB search index of the 10,000-document benchmark. `PrettyJSONWriter`
/// lays the same out as the encoder's pretty printing.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Digits written straight into the bytes: the search index has millions
    /// of small numbers, and making a `String` of each was most of its time.
    mutating func int(_ value: Int) {
        bytes.appendDecimal(value)
    }

    /// Text as it is, for a number already formatted.
    mutating func unquoted(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// A string literal: quotes, backslashes and control characters escaped
    /// (short forms where JSON has them), everything else (slashes,
    /// non-ASCII) as it is.
    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { string(utf8: $0) }
    }

    /// As `string(_:)`, for UTF-8 bytes. Runs that need no escape (almost
    /// every string) are copied whole, not byte by byte.
    mutating func string(utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var start = 0
        for index in 0..<utf8.count {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
            start = index + 1
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case UInt8(ascii: "\n"): raw("\\n")
            case UInt8(ascii: "\r"): raw("\\r")
            case UInt8(ascii: "\t"): raw("\\t")
            case 0x08: raw("\\b")
            case 0x0C: raw("\\f")
            default:
                let hex = Array("0123456789abcdef".utf8)
                raw("\\u00")
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0xF)])
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        bytes.append(UInt8(ascii: "\""))
    }

    /// `[a,b,c]`, each element written by `element`.
    mutating func array<Elements: Sequence>(_ elements: Elements, _ element: (inout JSONWriter, Elements.Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        var first = true
        for value in elements {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            element(&self, value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// `{"k":v,...}` with the keys in sorted order.
    mutating func object<Value>(_ dictionary: [String: Value], _ value: (inout JSONWriter, Value) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        members(dictionary.keys.sorted()[...], of: dictionary, value)
        bytes.append(UInt8(ascii: "}"))
    }

    /// `"k":v,...` for `keys`, without the braces: an object written in pieces.
    mutating func members<Value>(_ keys: ArraySlice<String>, of dictionary: [String: Value], _ value: (inout JSONWriter, Value) -> Void) {
        var first = true
        for key in keys {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            string(key)
            bytes.append(UInt8(ascii: ":"))
            value(&self, dictionary[key]!)
        }
    }

    mutating func append(_ other: JSONWriter) {
        bytes.append(contentsOf: other.bytes)
    }
}

extension [UInt8] {
    /// `number` in decimal digits, written in place (no `String` made).
    mutating func appendDecimal(_ number: Int) {
        if number < 0 { append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        let start = count
        repeat {
            append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        self[start...].reverse()
    }
}
