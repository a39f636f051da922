/// Small helpers for reading link targets.
public enum LinkTarget {
    /// Whether `url` leaves the site (has a scheme such as `https:` or `mailto:`, or is protocol-relative).
    public static func isExternal(_ url: String) -> Bool {
        if url.hasPrefix("//") { return true }
        // By bytes: a search by Character was 1 % of a clean build's link check.
        guard let colon = url.utf8.firstIndex(of: UInt8(ascii: ":")) else { return false }
        let scheme = url[..<colon]
        return !scheme.isEmpty && scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
            && !scheme.contains("/")
    }

    /// A link written as a path to another Markdown document.
    static func isDocumentPath(_ url: String) -> Bool {
        guard !isExternal(url) else { return false }
        return split(url).path.hasSuffix(".md")
    }

    /// `a/b.md#frag` → (`a/b.md`, `frag`).
    public static func split(_ url: String) -> (path: String, fragment: String?) {
        guard let hash = url.utf8.firstIndex(of: UInt8(ascii: "#")) else { return (url, nil) }
        return (String(url[..<hash]), String(url[url.utf8.index(after: hash)...]))
    }
}
