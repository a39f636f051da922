/// Decodes one document file: front matter into its kind's model, body
/// through the Markdown stage, then the kind's typed items.
enum DocumentDecoder {
    static func decode(
        _ source: SourceFile, kind: DocumentKind, slug: String, site: SiteConfig, basePath: String = "/",
        documentLink: @escaping @Sendable (String) -> DocumentLinkTarget = { _ in .missing(note: nil) }
    ) -> (Document?, [Diagnostic]) {
        let frontMatter: FrontMatter
        switch FrontMatter.split(source) {
        case let .success(split): frontMatter = split
        case let .failure(diagnostic): return (nil, [diagnostic])
        }
        let reader = YAMLReader(file: source.path, firstLine: frontMatter.yamlFirstLine)
        guard let root = reader.compose(frontMatter.yaml) else {
            if !reader.diagnostics.hasErrors {
                reader.error(at: SourcePosition(line: 1, column: 1), "the front matter is empty",
                    note: "a \(kind.singular.lowercased()) needs at least a title")
            }
            return (nil, reader.diagnostics.all)
        }
        guard let fields = reader.fields(root, "the front matter") else { return (nil, reader.diagnostics.all) }

        let metadata = kind == .page ? nil : CommonMetadata.read(fields)
        var content: Document.Content?
        switch kind {
        case .meeting: content = AssuranceMeeting.read(fields).map { .meeting($0) }
        case .report: content = BoardReport.read(fields).map { .report($0) }
        case .response: content = InspectionResponse.read(fields).map { .response($0) }
        case .page: content = Page.read(fields).map { .page($0) }
        }
        fields.finish()
        if let metadata, site.organisation(metadata.organisation) == nil {
            reader.error(at: metadata.organisationPosition, "unknown organisation '\(metadata.organisation)'",
                note: Suggestion.note(for: metadata.organisation, in: site.organisations.map(\.id))
                    ?? "organisations are listed in site.yml: \(site.organisations.map(\.id).joined(separator: ", "))")
        }
        var diagnostics = reader.diagnostics
        guard !diagnostics.hasErrors, var content, kind == .page || metadata != nil else { return (nil, diagnostics.all) }

        let options = MarkdownOptions(
            numberedSections: kind == .report, questionHeadings: kind == .meeting, basePath: basePath,
            documentLink: documentLink)
        let body = MarkdownRenderer.render(
            frontMatter.body, file: source.path, firstLine: frontMatter.bodyFirstLine, options: options)
        diagnostics.append(contentsOf: body.diagnostics)
        switch content {
        case var .meeting(meeting):
            meeting.assemble(body, file: source.path, into: &diagnostics)
            content = .meeting(meeting)
        case var .report(report):
            report.assemble(body)
            content = .report(report)
        case var .response(response):
            response.assemble(body, file: source.path, into: &diagnostics)
            if let metadata {
                diagnostics.append(contentsOf: response.statutoryWarnings(
                    published: metadata.published, publishedPosition: metadata.publishedPosition, file: source.path))
            }
            content = .response(response)
        case .page:
            break
        }
        let document = Document(
            path: source.path, kind: kind, slug: slug, metadata: metadata, content: content,
            body: DocumentBody(body.html), headings: body.headings, links: body.links, markdown: frontMatter.body,
            charts: body.charts)
        // Errors in the body (a broken document link, a repeated section number)
        // fail the build but keep the document, so later checks still run on it.
        return (document, diagnostics.all)
    }
}
