/// Between full builds, the preview shows an edit to a document's body at
/// once: the document is decoded again and its page drawn with the site as
/// the last build resolved it. That is exact when only the Markdown body
/// changed (the front matter feeds lists, trackers and charts; the body
/// feeds only its own page), so anything else is left to the full rebuild
/// that always follows, which also checks links and every other page.
public enum QuickRender {
    /// The new current page of the document at `path` (a root-relative
    /// `Content/…/x.md`), when only its body changed since `result` was built
    /// and it decodes without errors; nil otherwise.
    public static func page(at path: String, in fileSystem: FileSystem, after result: BuildResult) -> (file: OutputFile, source: SourceFile)? {
        guard let renderer = result.renderer, let old = renderer.graph.document(atPath: path),
            let oldSource = result.sources[path], let data = try? fileSystem.read(path),
            let source = try? SourceFile(path: path, data: data),
            case let .success(new) = FrontMatter.split(source), case let .success(before) = FrontMatter.split(oldSource),
            new.yaml == before.yaml
        else { return nil }
        let graph = renderer.graph
        let index = DocumentIndex(graph.documents.map { ($0.path, SiteGraph.path(of: $0)) })
        let (decoded, problems) = DocumentDecoder.decode(
            source, kind: old.kind, slug: old.slug, site: graph.config, basePath: graph.basePath,
            documentLink: { index.resolve($0, from: path) })
        guard var document = decoded, !problems.contains(where: { $0.severity == .error }) else { return nil }
        document.versions = old.versions
        return renderer.renderCurrentPage(of: document).map { ($0, source) }
    }
}
