/// Escapes text for XML content and attribute values.
func escapeXML(_ text: String) -> String {
    escapeHTML(text)
}

extension Day {
    /// `2016-09-22T00:00:00Z`: the RFC 3339 timestamp feeds want, at the start of the day.
    var rfc3339: String { iso + "T00:00:00Z" }
}
