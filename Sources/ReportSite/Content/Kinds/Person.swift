import Yams

/// Someone named in a document, with the capacity they act in.
public struct Person: Sendable, Hashable, YAMLDecodable, Codable {
    public var name: String
    public var role: String

    public init(name: String, role: String) {
        self.name = name
        self.role = role
    }

    public static func decode(_ node: Node, _ reader: YAMLReader) -> Person? {
        guard let fields = reader.fields(node, "a person (name and role)") else { return nil }
        let name: String? = fields.required("name")
        let role: String? = fields.required("role")
        fields.finish()
        guard let name, let role else { return nil }
        return Person(name: name, role: role)
    }
}
