import Yams

/// A later document's word on an earlier recommendation or action:
///
/// ```yaml
/// updates:
///   - recommendation: responses/2022-02-15-hmicfrs-inspection.md#3
///     status: complete
///     note: The review finished in May.
///   - action: meetings/2024-05-01-roads.md#A1
///     status: in-progress
/// ```
///
/// The earlier document is never rewritten: trackers show the whole history.
public struct StatusUpdate: Sendable, Hashable, YAMLDecodable, Codable {
    public enum Target: Sendable, Hashable, Codable {
        /// A recommendation, by its number in the response.
        case recommendation(Int)
        /// A meeting action, by its id.
        case action(String)
    }

    /// The document updated, as written (a path under Content/ or relative to this file).
    public var document: String
    public var target: Target
    /// Checked against the target's statuses once it is resolved.
    public var status: String
    public var note: String?
    public var position: SourcePosition?
    public var statusPosition: SourcePosition?

    public static func decode(_ node: Node, _ reader: YAMLReader) -> StatusUpdate? {
        guard let fields = reader.fields(node, "a status update") else { return nil }
        let recommendation: String? = fields.optional("recommendation")
        let action: String? = fields.optional("action")
        let status: String? = fields.required("status")
        let statusPosition = fields.node("status").flatMap(reader.position)
        let note: String? = fields.optional("note")
        fields.finish()
        let reference = recommendation ?? action
        guard recommendation == nil || action == nil, let reference else {
            reader.error(node, "a status update names either a 'recommendation' or an 'action'",
                note: "e.g. recommendation: responses/2022-02-15-hmicfrs-inspection.md#3")
            return nil
        }
        let (document, fragment) = LinkTarget.split(reference)
        guard let fragment, !fragment.isEmpty, document.hasSuffix(".md") else {
            reader.error(fields.node(recommendation != nil ? "recommendation" : "action"),
                "'\(reference)' does not say which \(recommendation != nil ? "recommendation" : "action")",
                note: recommendation != nil ? "write the response's file, '#', and the number: responses/x.md#3"
                    : "write the meeting's file, '#', and the action's id: meetings/x.md#A1")
            return nil
        }
        let target: Target
        if recommendation != nil {
            let number = fragment.hasPrefix("recommendation-") ? String(fragment.dropFirst("recommendation-".count)) : fragment
            guard let value = Int(number) else {
                reader.error(fields.node("recommendation"), "'#\(fragment)' is not a recommendation number")
                return nil
            }
            target = .recommendation(value)
        } else {
            target = .action(fragment)
        }
        guard let status else { return nil }
        return StatusUpdate(
            document: document, target: target, status: status, note: note, position: reader.position(node),
            statusPosition: statusPosition)
    }
}
