import Foundation

/// A page's document body, read (from its spill file, see `DocumentBody`)
/// the first time the page's template values are built, and not at all when
/// the page is only fingerprinted and then reused.
final class PageBody: @unchecked Sendable {
    let body: DocumentBody
    private let lock = NSLock()
    private var read: TrustedHTML?

    init(_ body: DocumentBody) {
        self.body = body
    }

    var html: TrustedHTML {
        lock.withLock {
            if let read { return read }
            let html = body.html
            read = html
            return html
        }
    }

    /// The whole body, for a template.
    var whole: BodyHTML { BodyHTML(page: self, part: nil) }

    /// A part of the body (a meeting's answer, a response's letter), for a template.
    func part(_ part: BodyPart) -> BodyHTML { BodyHTML(page: self, part: part) }
}

/// Trusted HTML from a document's body, whole or in part. It enters the
/// page fingerprint as the body's digest and the part's byte ranges, and is
/// read only when the template values are built.
struct BodyHTML: MustacheConvertible {
    let page: PageBody
    let part: BodyPart?

    var html: TrustedHTML {
        part.map { $0.html(in: page.html) } ?? page.html
    }

    func mustacheValue(_ walk: ContextWalk) -> TemplateValue {
        walk.fingerprint?.add(body: page.body, part: part)
        return walk.builds ? .html(html) : .missing
    }
}
