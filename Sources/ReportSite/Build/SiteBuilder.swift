import Foundation

/// The build, as a recipe of named, timed steps:
/// load → templates → resolve → render → data → search → check links → manifest
/// (the search index, feed, sitemap and trend data are made while the pages
/// render: see `Alongside`).
/// With a sink (`build`), files stream into a staging folder as they are made
/// and the caller swaps it in (`StagedDirectory`); without one (`check`, the
/// preview, tests) they stay in the result. Either way the recipe is the same.
public enum SiteBuilder {
    public static func build(_ fileSystem: FileSystem, options: BuildOptions = BuildOptions()) -> BuildResult {
        var result = BuildResult(diagnostics: DiagnosticBag(), sources: [:], files: [], timings: [])
        result.fileSystem = fileSystem
        var clock = StepClock()

        let content = ContentLoader.load(
            from: fileSystem, baseURL: options.baseURL, cache: options.cache, diagnostics: &result.diagnostics,
            sources: &result.sources, keepDocumentSources: options.keepsDocumentSources, spill: options.bodySpill,
            digests: options.sourceDigests)
        result.rereadsDocumentSources = !options.keepsDocumentSources
        clock.lap("load", into: &result)
        let templates = TemplateLibrary.load(from: fileSystem, diagnostics: &result.diagnostics, sources: &result.sources)
        clock.lap("templates", into: &result)
        guard let content, let templates else { return result }

        // Resolving runs on one core; the search-word cache is read on the other.
        let searchWordsRead = options.searchWords.map { cache in Alongside { cache.prefetch() } }
        defer { _ = searchWordsRead?.value }
        let graph = SiteGraph.resolve(
            content, baseURL: options.baseURL, includeDrafts: options.includeDrafts, diagnostics: &result.diagnostics)
        result.documents = graph.documents
        clock.lap("resolve", into: &result)
        // With a sink, each file is written as soon as it is made, and only
        // its path, digest and size stay in memory.
        let store: @Sendable ([OutputFile]) -> [OutputFile] = { files in options.sink?.store(files) ?? files }
        let templateSources = result.sources.filter { $0.key.hasPrefix(TemplateLibrary.folder + "/") }
            .sorted { $0.key < $1.key }.map(\.value)
        // What every page depends on besides its context: the templates and the generator.
        let salt = options.fingerprintPages || options.previous != nil
            ? IntegrityLock.sha256(joining: [options.generator] + templateSources.flatMap { [$0.path, $0.text] })
            : nil
        // What every page depends on, in whole documents (see `PageInputs`).
        let keys = salt.flatMap { salt in
            PageInputs.keys(salt: salt, options: options, sources: result.sources, documents: content.documents)
        }
        // Nothing else reads the search index: it is made (and written: 14 MB
        // for the benchmark site) beside the pages, and its step below is the
        // wait for it. Every way out waits, so neither the search-word cache
        // nor the staging folder is still being written when the caller
        // saves the one or removes the other.
        let search = Alongside { store([SearchIndex.render(graph, cache: options.searchWords, previous: options.previous, siteKey: keys?.site)]) }
        defer { _ = search.value }
        // So are the feed, the sitemap, the redirects and the trend data: short
        // loops on one core, which ran after the pages while the other core idled.
        let siteFiles = Alongside {
            store([Feed.render(graph), Sitemap.render(graph)] + Redirects.render(graph) + TrendData.render(graph))
        }
        defer { _ = siteFiles.value }

        // Content errors do not stop the recipe here: rendering and the link
        // check still run, so one run reports every problem.
        let errorsBeforeRender = result.diagnostics.errorCount
        let renderer = SiteRenderer(graph: graph, templates: templates)
        // Shared by the pages and the data files: a document's part of their keys is worked out once.
        let keyer = keys.map { PageInputs.Keyer($0, trackers: graph.trackers) }
        result.renderer = renderer
        var files = renderer.renderPages(
            into: &result.diagnostics, salt: salt, keyer: keyer, previous: options.previous, sink: options.sink)
        files += store(Assets.collect(from: fileSystem, into: &result.diagnostics))
        clock.lap("render", into: &result)
        files += OpenData.render(graph, sink: options.sink, salt: salt, keyer: keyer, previous: options.previous)
        files += siteFiles.value
        clock.lap("data", into: &result)
        files += search.value
        clock.lap("search", into: &result)
        guard result.diagnostics.errorCount == errorsBeforeRender else { return result }

        // Every file's digest, once: the link check compares them with the
        // last build's, the manifest lists them, the writer keeps unchanged files.
        let digests = ParallelMap.map(files) { $0.sha256 ?? IntegrityLock.sha256($0.data) }
        for index in files.indices { files[index].sha256 = digests[index] }
        // The manifest needs only those digests: it is made beside the link
        // check, and kept only if every link resolves. (As above, every way
        // out waits for it: a failed build's staging folder is removed, and
        // nothing may still be writing into it.)
        let contentDigest = options.contentDigest ?? Manifest.contentDigest(fileSystem)
        let manifest = Alongside { [files] in
            store([Manifest.render(files: files, contentDigest: contentDigest, sourceDateEpoch: options.sourceDateEpoch)])
        }
        defer { _ = manifest.value }
        result.diagnostics.append(contentsOf: LinkChecker(
            graph: graph, files: files, templateSources: templateSources, previous: options.previous).check())
        clock.lap("links", into: &result)
        guard !result.diagnostics.hasErrors else { return result }

        result.contentDigest = contentDigest
        (result.salt, result.inputKeys, result.trackerUpdates) = (salt, keys, graph.trackers.updates)
        files += manifest.value
        clock.lap("manifest", into: &result)
        result.files = files.sorted { $0.path < $1.path }
        return result
    }
}

/// Times consecutive steps of the recipe.
struct StepClock {
    private var last = ContinuousClock.now

    mutating func lap(_ step: String, into result: inout BuildResult) {
        let now = ContinuousClock.now
        result.timings.append((step, (now - last).seconds))
        last = now
    }
}
