import Foundation

/// A build after edits that no other page can see: the only files that
/// changed since the last build into the same folder are documents, and
/// each still has the face it had (see `PageInputs.face`): its prose,
/// headings or links changed, nothing a list, tracker, feed or other page
/// shows. Then every other page, `document.json` and data file is the last
/// build's, byte for byte, and a build needs only to decode those documents,
/// draw their own pages, patch the search index and the manifest, and write
/// the next stamp: a handful of files instead of opening 10,000 cache
/// entries and resolving the whole site (about 1 s for the 10,000-document
/// benchmark site in a fresh process).
///
/// It gives up (nil), leaving the output folder as it was, whenever it
/// cannot be sure: a file added, removed or not a document; a face that
/// changed; a document with a problem to report (or one the last build
/// reported), a draft, superseded versions or a chart (whose page draws on
/// the whole site's figures); a page that lost an id another page may link
/// to; an output file altered since; anything unexpected in the files it
/// patches. The full build then does it all, and a test holds the two to
/// the same bytes.
public enum QuickBuild {
    /// What a quick build did, for the summary line.
    public struct Outcome: Sendable {
        public var documentCount: Int
        public var pageCount: Int
        /// Pages written anew (a page whose bytes came out the same is not).
        public var rendered: Int
        /// The documents that changed.
        public var changed: [String]
        /// The last build's warnings, which still stand.
        public var report: String
        public var warningCount: Int
        public var timings: [(step: String, seconds: Double)] = []
    }

    /// Builds the site at `root` into `output` the quick way, when it can
    /// (see above). `walked` is this build's walk of the inputs, `stamp` the
    /// last build's into `output`, and `stampKey` this build's stamp key;
    /// `reportPrefix` is what this run's paths start with (see `State.reportPrefix`);
    /// `outputCheck` checks the outputs `stamp` lists (and is stopped here).
    /// Throws `WriteFailure` when the output could not be written (the
    /// full build would fail the same way).
    public static func run(
        root: URL, output: URL, options: BuildOptions, generatorIdentity: String, walked: [FileStat.Input],
        stamp: BuildStamp.Lines, stampKey: String, reportPrefix: String, outputCheck: BuildStamp.OutputCheck
    ) throws -> Outcome? {
        var clock = QuickClock()
        let folder = output.standardizedFileURL.path(percentEncoded: false)
        let outputFolder = folder.hasSuffix("/") ? folder : folder + "/"
        // Every way out waits for the output check: its thread reads the stamp's bytes.
        defer { outputCheck.stop() }
        let templates = Alongside { Site.Templates(root: root, walked: walked) }
        let settings = State.settings(generatorIdentity: generatorIdentity, output: output, options: options)
        guard let state = State.load(root: root, output: output, contentKey: stamp.contentKey, settings: settings),
            stamp.report.isEmpty || state.reportPrefix == reportPrefix,
            let inputs = InputChanges(walked: walked, stamp: stamp, root: root, reported: Set(state.reported))
        else { return nil }
        guard let templates = templates.value, let site = Site(root: root, walked: walked, templates: templates, options: options)
        else { return nil }
        clock.lap("inputs")

        // The documents, decoded afresh; each must look to other pages as it did.
        let cache = DecodeCache(
            folder: root.appending(path: BuildStamp.folder).appending(path: "documents"), generator: state.generator)
        let decoded = inputs.edited.map { Edit($0, site: site, cache: cache) }
        guard decoded.allSatisfy({ $0 != nil }) else { return nil }
        let edits = decoded.compactMap { $0 }
        clock.lap("decode")

        let documents = edits.map(\.document)
        // Status updates show only on a response's or a meeting's pages.
        let tracked = documents.contains { document in
            switch document.content {
            case .response, .meeting: true
            case .report, .page: false
            }
        }
        guard let updates = tracked ? state.updates : Trackers.Updates() else { return nil }
        let graph = site.graph(documents, updates: updates)
        let renderer = SiteRenderer(graph: graph, templates: site.templates)
        let pages = documents.flatMap(renderer.ownPages)
        let ownPaths = Set(pages.map(\.path) + documents.map(OpenData.dataPath) + [SearchIndex.path, Manifest.path])
        let records = stamp.outputs(ownPaths)
        // The same pages as last time: none new, none gone.
        guard records.count == ownPaths.count else { return nil }
        let previous = PreviousOutput(folder: output, records: Array(records.values))
        let staged = StagedDirectory(destination: output)
        guard let sink = try? staged.begin(previous: previous, patching: true) else { return nil }
        var done = false
        defer { if !done { staged.abandon() } }

        // The search index is patched (and written) on the other core while
        // the pages render and their links are checked.
        let indexed = !SearchPatch.indexed(edits, graph: graph).isEmpty
        let search = Alongside { () -> (patch: SearchPatch, file: OutputFile)? in
            guard indexed, let patch = SearchPatch(edits, graph: graph, state: state, root: root, output: output, previous: previous)
            else { return nil }
            return (patch, patch.stored(in: sink))
        }
        // Every way out waits for it, so nothing still writes into a staging folder that is removed.
        defer { _ = search.value }
        var diagnostics = DiagnosticBag()
        let keyer = PageInputs.Keyer(state.keys, trackers: graph.trackers)
        var files = renderer.render(pages, into: &diagnostics, salt: state.salt, keyer: keyer, previous: previous, sink: sink)
        files += documents.map {
            OpenData.documentFile($0, graph: graph, sink: sink, salt: state.salt, keyer: keyer, previous: previous)
        }
        clock.lap("render")
        // Links on the pages that changed; the rest of the site is as the
        // last build left it, whose links all resolved.
        let kept = LinkChecker.Kept(folder: outputFolder) { stamp.hasOutput($0) }
        let checker = LinkChecker(graph: graph, files: files, templateSources: site.templateSources, previous: previous, kept: kept)
        guard !diagnostics.hasErrors, checker.changedPages(files.filter { $0.path.hasSuffix(".html") }) != nil,
            checker.check().isEmpty
        else { return nil }
        clock.lap("links")

        let patched = search.value
        guard !indexed || patched != nil else { return nil }
        if let patched { files.append(patched.file) }
        clock.lap("search")
        let changedInputs = inputs.records(edits)
        guard let contentDigest = stamp.contentDigest(replacing: changedInputs),
            let manifest = Manifest.stored(in: sink, patching: previous, replacing: files, contentDigest: contentDigest)
        else { return nil }
        files.append(manifest)
        clock.lap("manifest")
        guard sink.failure == nil, outputCheck.intact else { return nil }
        clock.lap("outputs")

        // Everything checked: the changed files go over their old copies.
        // The stamp goes first, so an interrupted build leaves none.
        BuildStamp.forget(root: root, output: output)
        done = true
        do {
            try staged.patch(files, sink: sink, removing: [])
        } catch {
            throw WriteFailure(message: "could not write \(folder): \(error.localizedDescription)")
        }
        clock.lap("write")

        let contentKey = BuildStamp.contentKey(contentDigest: contentDigest, options: options, generator: state.generator, output: output)
        let saved = Alongside {
            patched?.patch.keepLayout()
            state.save(root: root, output: output, contentKey: contentKey)
        }
        let moved = Set(sink.staged)
        let outputs = files.compactMap { file -> PreviousOutput.Record? in
            let kept = moved.contains(file.path) ? nil : records[file.path]
            guard let written = kept.map({ ($0.size, $0.modified) }) ?? FileStat.of(outputFolder + file.path) else { return nil }
            return PreviousOutput.Record(
                path: file.path, size: written.size, modified: written.modified, sha256: file.sha256 ?? "",
                fingerprint: file.fingerprint, inputsKey: file.inputsKey)
        }
        if outputs.count == files.count,
            let runs = stamp.replacing(key: stampKey, contentKey: contentKey, outputs: outputs, inputs: changedInputs + inputs.touched)
        {
            stamp.write(runs, root: root, output: output)
        }
        saved.value
        clock.lap("stamp")
        return Outcome(
            documentCount: stamp.documentCount, pageCount: stamp.pageCount,
            rendered: files.count { $0.path.hasSuffix(".html") && moved.contains($0.path) },
            changed: edits.map(\.document.path), report: stamp.report, warningCount: state.warningCount, timings: clock.timings)
    }
}

extension QuickBuild {
    /// The output folder could not be written.
    public struct WriteFailure: Error {
        public let message: String
    }
}

/// Times the steps of a quick build.
struct QuickClock {
    private var last = ContinuousClock.now
    private(set) var timings: [(step: String, seconds: Double)] = []

    mutating func lap(_ step: String) {
        let now = ContinuousClock.now
        timings.append((step, (now - last).seconds))
        last = now
    }
}
