/// A chart placed in a document with a fenced block:
///
/// ````markdown
/// ```chart mash-contacts
/// type: bar
/// organisations: suffolk-constabulary
/// from: 2015-06..2016-06
/// ```
/// ````
///
/// The Markdown stage knows nothing of the site's figures, so it leaves a
/// self-describing placeholder comment; the rendering stage draws the chart
/// there once every document's figures are known.
public struct ChartBlock: Sendable, Hashable, Codable {
    public var metric: String
    /// `line` or `bar`; nil lets the metric decide.
    public var type: String?
    public var organisations: [String]
    public var from: String?
    public var to: String?
    public var position: SourcePosition

    static let placeholderPrefix = "<!--reportsite:chart "

    /// `<!--reportsite:chart metric=x type=bar organisations=a,b from=… to=…-->`
    public var placeholder: String {
        var parts = ["metric=\(metric)"]
        if let type { parts.append("type=\(type)") }
        if !organisations.isEmpty { parts.append("organisations=" + organisations.joined(separator: ",")) }
        if let from { parts.append("from=\(from)") }
        if let to { parts.append("to=\(to)") }
        return ChartBlock.placeholderPrefix + parts.joined(separator: " ") + "-->"
    }

    /// Reads a placeholder back.
    public init?(placeholder: String) {
        guard placeholder.hasPrefix(ChartBlock.placeholderPrefix), placeholder.hasSuffix("-->") else { return nil }
        let body = placeholder.dropFirst(ChartBlock.placeholderPrefix.count).dropLast(3)
        var values: [String: String] = [:]
        for part in body.split(separator: " ") {
            guard let equals = part.firstIndex(of: "=") else { return nil }
            values[String(part[..<equals])] = String(part[part.index(after: equals)...])
        }
        guard let metric = values["metric"] else { return nil }
        self.metric = metric
        type = values["type"]
        organisations = values["organisations"].map { $0.split(separator: ",").map(String.init) } ?? []
        from = values["from"]
        to = values["to"]
        position = SourcePosition(line: 0, column: 0)
    }

    init(metric: String, type: String?, organisations: [String], from: String?, to: String?, position: SourcePosition) {
        self.metric = metric
        self.type = type
        self.organisations = organisations
        self.from = from
        self.to = to
        self.position = position
    }

    static let options = ["type", "organisations", "from", "to"]

    /// Parses a block's info string (`chart <metric>`) and its `key: value` lines.
    static func parse(info: String, body: String, position: SourcePosition, file: String) -> Result<ChartBlock, Diagnostic> {
        let words = info.split(separator: " ").map(String.init)
        guard words.count >= 2 else {
            return .failure(.error(file, position, "this chart block does not name a metric",
                note: "write ```chart <metric-id>, with an id from Content/data/metrics.yml"))
        }
        var block = ChartBlock(metric: words[1], type: words.count > 2 ? words[2] : nil, organisations: [], from: nil, to: nil, position: position)
        for (offset, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let linePosition = SourcePosition(line: position.line + 1 + offset, column: 1)
            guard let colon = trimmed.firstIndex(of: ":") else {
                return .failure(.error(file, linePosition, "expected 'option: value' in a chart block",
                    note: "options: \(options.joined(separator: ", "))"))
            }
            let key = String(trimmed[..<colon]).trimmingCharacters(in: .whitespaces)
            let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "type": block.type = value
            case "organisations", "organisation":
                block.organisations = value.trimmingCharacters(in: ["[", "]"]).split(separator: ",")
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            case "from": block.from = value
            case "to": block.to = value
            default:
                return .failure(.error(file, linePosition, "unknown chart option '\(key)'",
                    note: Suggestion.note(for: key, in: options) ?? "options: \(options.joined(separator: ", "))"))
            }
        }
        if let type = block.type, !["line", "bar"].contains(type) {
            return .failure(.error(file, position, "'\(type)' is not a chart type", note: "use line or bar"))
        }
        for period in [block.from, block.to].compactMap({ $0 }) where Period(period) == nil {
            return .failure(.error(file, position, "'\(period)' is not a period",
                note: "write a day (2016-09-22), a month range (2016-06..2017-06), a financial year (2016/17) or a year (2016)"))
        }
        let safe: (String) -> Bool = { $0.allSatisfy { $0.isLetter || $0.isNumber || "-_./".contains($0) } && !$0.isEmpty }
        guard safe(block.metric), block.organisations.allSatisfy(safe) else {
            return .failure(.error(file, position, "a metric or organisation id may use only letters, digits and hyphens"))
        }
        return .success(block)
    }
}
