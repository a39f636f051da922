/// JSON in the layout `JSONEncoder` gives with `.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes` (two-space indents, `"key" : value`, an empty
/// container as `[`, a blank line and `]`), written straight into bytes.
/// The caller gives each object's keys in byte order, as the encoder sorts them.
struct PrettyJSONWriter {
    private(set) var writer: JSONWriter
    /// How many members each open container has so far, outermost first.
    private var open: [Int] = []

    init(capacity: Int = 0) {
        writer = JSONWriter(capacity: capacity)
    }

    var bytes: [UInt8] { writer.bytes }

    mutating func object(_ members: (inout PrettyJSONWriter) -> Void) {
        begin("{")
        members(&self)
        end("}")
    }

    mutating func array<Elements: Sequence>(_ elements: Elements, _ element: (inout PrettyJSONWriter, Elements.Element) -> Void) {
        begin("[")
        for value in elements {
            next()
            element(&self, value)
        }
        end("]")
    }

    /// Starts a member of the enclosing object: `"key" : `, then its value.
    mutating func key(_ name: StaticString) {
        next()
        writer.raw("\"")
        writer.raw(name)
        writer.raw("\" : ")
    }

    mutating func string(_ value: String) {
        writer.string(value)
    }

    mutating func int(_ value: Int) {
        writer.int(value)
    }

    mutating func bool(_ value: Bool) {
        writer.raw(value ? "true" : "false")
    }

    /// As the encoder writes a finite double: the shortest form that reads
    /// back the same (Swift's `description`), without a trailing `.0`.
    mutating func double(_ value: Double) {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        writer.unquoted(text)
    }

    // MARK: - Members

    mutating func member(_ name: StaticString, _ value: String) {
        key(name)
        string(value)
    }

    mutating func member(_ name: StaticString, _ value: String?) {
        if let value { member(name, value) }
    }

    mutating func member(_ name: StaticString, _ value: Int) {
        key(name)
        int(value)
    }

    mutating func member(_ name: StaticString, _ value: Bool) {
        key(name)
        bool(value)
    }

    mutating func member(_ name: StaticString, _ value: Double) {
        key(name)
        double(value)
    }

    mutating func member(_ name: StaticString, _ values: [String]?) {
        guard let values else { return }
        key(name)
        array(values) { $0.string($1) }
    }

    // MARK: - Layout

    private mutating func begin(_ bracket: StaticString) {
        writer.raw(bracket)
        open.append(0)
    }

    /// A comma after the previous member, then a new line at this depth.
    private mutating func next() {
        if open[open.count - 1] > 0 { writer.raw(",") }
        open[open.count - 1] += 1
        newLine()
    }

    private mutating func end(_ bracket: StaticString) {
        let members = open.removeLast()
        if members == 0 { writer.raw("\n") }
        newLine()
        writer.raw(bracket)
    }

    private mutating func newLine() {
        writer.raw("\n")
        for _ in 0..<open.count { writer.raw("  ") }
    }
}
