/// GitHub-style heading anchors: lower case, words joined by hyphens.
enum HeadingSlug {
    static func make(_ text: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingHyphen, !slug.isEmpty { slug += "-" }
                pendingHyphen = false
                slug.unicodeScalars.append(scalar)
            } else if scalar == " " || scalar == "-" || scalar == "_" || scalar == "\t" {
                pendingHyphen = true
            }
        }
        return slug.isEmpty ? "section" : slug
    }

    /// `3.4` → `section-3-4`: the permanent anchor of a numbered section.
    static func sectionAnchor(_ number: String) -> String {
        "section-" + number.replacing(".", with: "-")
    }

    /// Leading section number of a heading or paragraph: `3.`, `3`, `3.4`, `3.4.1`.
    /// Returns the number and the rest of the text.
    static func sectionNumber(in text: String, requireSubsection: Bool) -> (number: String, rest: Substring)? {
        var index = text.startIndex
        var parts: [Substring] = []
        while true {
            let start = index
            while index < text.endIndex, text[index].isASCII, text[index].isNumber { index = text.index(after: index) }
            guard start < index, text.distance(from: start, to: index) <= 3 else { return nil }
            parts.append(text[start..<index])
            guard index < text.endIndex, text[index] == "." else { break }
            index = text.index(after: index)
            guard index < text.endIndex, text[index].isNumber else { break }
        }
        guard index < text.endIndex, text[index] == " " || text[index] == "\t" else { return nil }
        if requireSubsection, parts.count < 2 { return nil }
        let rest = text[index...].drop { $0 == " " || $0 == "\t" }
        guard !rest.isEmpty else { return nil }
        return (parts.joined(separator: "."), rest)
    }
}
