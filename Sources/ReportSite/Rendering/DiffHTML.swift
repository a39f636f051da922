/// Writes a `TextDiff` as accessible HTML: every change is labelled in words
/// (not only by colour), and `<del>`/`<ins>` carry hidden text for screen
/// readers, which do not announce those elements by default.
enum DiffHTML {
    static func render(_ diff: TextDiff) -> TrustedHTML {
        guard !diff.isEmpty else {
            return TrustedHTML("<p class=\"diff__none\">The text did not change; only its details did.</p>\n")
        }
        var html = "<div class=\"diff\">\n"
        for line in diff.lines {
            switch line {
            case let .skipped(count):
                html += "<p class=\"diff__skipped\">\(count) unchanged paragraph\(count == 1 ? "" : "s")</p>\n"
            case let .removed(text):
                html += "<p class=\"diff__line diff__line--removed\"><strong class=\"diff__label\">Removed</strong> \(deleted(text))</p>\n"
            case let .added(text):
                html += "<p class=\"diff__line diff__line--added\"><strong class=\"diff__label\">Added</strong> \(inserted(text))</p>\n"
            case let .changed(parts):
                let body = parts.map { part in
                    switch part {
                    case let .same(text): escapeHTML(text)
                    case let .removed(text): deleted(text)
                    case let .added(text): inserted(text)
                    }
                }.joined(separator: " ")
                html += "<p class=\"diff__line diff__line--changed\"><strong class=\"diff__label\">Changed</strong> \(body)</p>\n"
            }
        }
        return TrustedHTML(html + "</div>\n")
    }

    private static func deleted(_ text: String) -> String {
        "<del><span class=\"visually-hidden\">[removed: </span>\(escapeHTML(text))<span class=\"visually-hidden\">]</span></del>"
    }

    private static func inserted(_ text: String) -> String {
        "<ins><span class=\"visually-hidden\">[added: </span>\(escapeHTML(text))<span class=\"visually-hidden\">]</span></ins>"
    }

    /// The text compared between versions: title, summary, then the body.
    static func comparableText(_ document: Document) -> String {
        ["# " + document.title, document.summary ?? "", document.markdown].joined(separator: "\n")
    }
}
