import ArgumentParser
import Foundation
import ReportSite

/// Options shared by `build` and `check`.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The site folder (holds Content/ and Templates/).", valueName: "dir"))
    var root: String = "."

    @Option(name: .long, help: ArgumentHelp("Use this base URL instead of site.yml's base_url.", valueName: "url"))
    var baseURL: String?

    @Option(name: .long, help: ArgumentHelp(
        "How to print problems: text (for people, on stderr), github (workflow annotations, on stdout) or json (one object per line, on stdout).",
        valueName: "format"))
    var format: DiagnosticFormat = .text

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Print only problems, no progress or timing.")
    var quiet = false

    var rootURL: URL {
        URL(filePath: root, directoryHint: .isDirectory, relativeTo: URL.currentDirectory()).standardizedFileURL
    }

    /// The site folder relative to the working directory (`""` when they are
    /// the same), so printed paths open from where the command was run.
    var pathPrefix: String {
        let cwd = URL.currentDirectory().standardizedFileURL.path(percentEncoded: false)
        let base = cwd.hasSuffix("/") ? cwd : cwd + "/"
        var root = rootURL.path(percentEncoded: false)
        if !root.hasSuffix("/") { root += "/" }
        if root == base { return "" }
        return root.hasPrefix(base) ? String(root.dropFirst(base.count)) : root
    }

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: rootURL.path(percentEncoded: false), isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            throw ValidationError("--root \(root): no such folder")
        }
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) {
            throw ValidationError("--base-url must be an absolute http(s) URL, e.g. https://opcc.example.org/")
        }
    }

    /// Runs the build recipe, prints diagnostics, and fails with exit 1 on errors.
    func runBuild(write output: URL?, force: Bool = false) throws {
        let progress = Progress(quiet: quiet)
        progress.say("Building \(rootURL.path(percentEncoded: false))")
        var options = BuildOptions(
            baseURL: baseURL, sourceDateEpoch: ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"])
        options.keepsDocumentSources = false
        let start = ContinuousClock.now
        var stampKey: String?
        var inputs: [PreviousOutput.Record]?
        // The last build into the same folder, mapped (--force ignores it)
        // on another core while this one walks the inputs; the check that
        // its outputs are still there starts at once (30,000 stats for a
        // large site, which a quick or an up-to-date build waits for).
        let root = rootURL
        let lastStampRead = Alongside { () -> (lines: BuildStamp.Lines, check: BuildStamp.OutputCheck)? in
            guard !force, let output, let lines = BuildStamp.lastLines(root: root, output: output) else { return nil }
            return (lines, BuildStamp.OutputCheck(lines, in: output))
        }
        let inputFiles = output == nil ? [] : FileStat.inputs(root: rootURL)
        let lastLines = lastStampRead.value?.lines
        let outputCheck = lastStampRead.value?.check
        // Not needed past the quick and up-to-date builds: the full build stops it.
        defer { outputCheck?.stop() }
        // Only documents changed, and no other page can see how: their own
        // pages are drawn and nothing else is touched (see `QuickBuild`).
        // The last build's warnings are repeated as they were printed, so
        // not in another format, nor when they would fail the build.
        let key = output.map { BuildStamp.key(files: inputFiles, options: options, generator: Self.generatorIdentity, output: $0) }
        if let output, let key, let lines = lastLines, let outputCheck, lines.key != key,
            lines.report.isEmpty || (format == .text && !strict)
        {
            let outcome: QuickBuild.Outcome?
            let quickStart = ContinuousClock.now
            do {
                outcome = try QuickBuild.run(
                    root: rootURL, output: output, options: options, generatorIdentity: Self.generatorIdentity, walked: inputFiles,
                    stamp: lines, stampKey: key, reportPrefix: pathPrefix, outputCheck: outputCheck)
            } catch let failure as QuickBuild.WriteFailure {
                FileHandle.standardError.write(Data("reportsite: error: \(failure.message)\n".utf8))
                throw ExitCode(2)
            }
            if var outcome {
                outcome.timings.insert(("walk", (quickStart - start).seconds), at: 0)
                finishQuick(outcome, output: output, start: start, progress: progress)
                return
            }
        }
        // Nothing changed by the files' times (make's rule): told from the
        // stamp's lines, without parsing its records (0.1 s at 10,000
        // documents), every output checked by size and time on two threads.
        if let output, let key, let lines = lastLines, lines.key == key, outputCheck?.intact == true {
            try reportUpToDate(
                report: lines.report, documents: lines.documentCount, pages: lines.pageCount, output: output, start: start,
                progress: progress)
            return
        }
        outputCheck?.stop()
        // The full build hashes the generator's executable (on another core).
        _ = Alongside { [self] in _ = generatorDigest }
        let lastStamp = lastLines?.stamp
        if let output, let key {
            stampKey = key
            if let lastStamp, let lines = lastLines,
                let stamp = upToDate(lastStamp, lines: lines, output: output, key: key, options: options, files: inputFiles, inputs: &inputs)
            {
                try reportUpToDate(
                    report: stamp.report, documents: stamp.documentCount, pages: stamp.pageCount, output: output, start: start,
                    progress: progress)
                return
            }
        }
        // Incremental: decoded documents come from the cache when their bytes
        // are unchanged, and pages whose inputs are unchanged are taken from
        // the last build into the same folder (--force does neither).
        var buildOptions = options
        let generator = generatorDigest
        buildOptions.generator = generator
        buildOptions.cache = DecodeCache(
            folder: rootURL.appending(path: BuildStamp.folder).appending(path: "documents"), generator: generator,
            reuse: !force)
        buildOptions.searchWords = SearchWordCache(
            file: rootURL.appending(path: BuildStamp.folder).appending(path: "search-words.bin"),
            layout: output.map { BuildStamp.companion(.searchLayout, root: root, output: $0) }, generator: generator, reuse: !force)
        // Bodies wait on disk between loading and rendering (a large site's
        // bodies are the biggest part of its memory); beside the cache, so
        // on the site's own disk rather than a RAM-backed /tmp.
        buildOptions.bodySpill = BodySpill(in: rootURL.appending(path: BuildStamp.folder))
        // Files stream into a staging folder as they are made; it replaces
        // the output folder only if the whole build succeeds.
        var staged: (folder: StagedDirectory, sink: StagingSink)?
        if let output {
            buildOptions.fingerprintPages = true
            if let lastStamp {
                buildOptions.previous = PreviousOutput(folder: output, records: lastStamp.outputs)
            }
            let folder = StagedDirectory(destination: output)
            if let refusal = folder.refusal(siteRoot: rootURL) {
                FileHandle.standardError.write(Data("reportsite: error: \(refusal)\n".utf8))
                throw ExitCode(2)
            }
            do {
                // With a previous build to start from, only what changed is
                // written, and moved into place at the end.
                staged = (folder, try folder.begin(previous: buildOptions.previous, patching: buildOptions.previous != nil))
            } catch {
                FileHandle.standardError.write(Data("reportsite: error: could not write beside \(output.path(percentEncoded: false)): \(error.localizedDescription)\n".utf8))
                throw ExitCode(2)
            }
            buildOptions.sink = staged?.sink
        }
        if output != nil {
            // Every input's digest, hashing only files changed since the last build.
            let known = inputs ?? lastStamp?.inputs ?? []
            inputs = inputs ?? InputDigests.of(root: rootURL, files: inputFiles, known: known)
            buildOptions.contentDigest = InputDigests.contentDigest(inputs!)
            buildOptions.sourceDigests = Dictionary(inputs!.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })
        }
        let inputsTime = (ContinuousClock.now - start).seconds
        // The steps list folders from the walk above instead of walking again.
        let fileSystem = DiskFileSystem(root: rootURL, walked: output == nil ? nil : inputFiles.map(\.path))
        var result = SiteBuilder.build(fileSystem, options: buildOptions)
        result.timings.insert(("inputs", inputsTime), at: 0)
        defer { KeptUntilExit.keep(result, buildOptions, lastStamp as Any, inputs as Any) }
        if !result.diagnostics.all.isEmpty {
            let report = Data((result.formattedDiagnostics(format, pathPrefix: pathPrefix) + "\n").utf8)
            if format == .text { FileHandle.standardError.write(report) } else { FileHandle.standardOutput.write(report) }
        }
        let errors = result.diagnostics.errorCount
        let warnings = result.diagnostics.warningCount
        if errors > 0 || (strict && warnings > 0) {
            let what = errors > 0 ? "\(errors) error\(errors == 1 ? "" : "s")" : "\(warnings) warning\(warnings == 1 ? "" : "s") (--strict)"
            FileHandle.standardError.write(Data("reportsite: failed with \(what); \(output == nil ? "nothing checked further" : "Output/ was not changed")\n".utf8))
            staged?.folder.abandon()
            throw ExitCode(1)
        }
        if let output, let staged {
            let writeStart = ContinuousClock.now
            do {
                if staged.sink.patching {
                    BuildStamp.forget(root: rootURL, output: output)
                    try staged.folder.patch(result.files, sink: staged.sink)
                } else {
                    try staged.folder.commit(result.files, sink: staged.sink)
                }
            } catch {
                FileHandle.standardError.write(Data("reportsite: error: could not write \(output.path(percentEncoded: false)): \(error.localizedDescription)\n".utf8))
                throw ExitCode(2)
            }
            buildOptions.searchWords?.saveLayout()
            result.timings.append(("write", (ContinuousClock.now - writeStart).seconds))
            let stampStart = ContinuousClock.now
            defer { result.timings.append(("stamp", (ContinuousClock.now - stampStart).seconds)) }
            if let stampKey, let contentDigest = result.contentDigest {
                // A patch moved in only the files it wrote: the others are
                // still as the last stamp recorded them, and need no stat.
                let moved = staged.sink.patching ? Set(staged.sink.staged) : nil
                let folder = output.path(percentEncoded: false)
                let base = folder.hasSuffix("/") ? folder : folder + "/"
                let previous = buildOptions.previous
                BuildStamp(
                    key: stampKey,
                    contentKey: BuildStamp.contentKey(
                        contentDigest: contentDigest, options: options, generator: generatorDigest, output: output),
                    report: result.diagnostics.all.isEmpty ? "" : result.formattedDiagnostics(.text, pathPrefix: pathPrefix),
                    documentCount: result.documentCount, pageCount: result.files.count { $0.path.hasSuffix(".html") },
                    outputs: ParallelMap.map(result.files) { file in
                        let kept = moved?.contains(file.path) == false ? previous?.record(file.path) : nil
                        let written = kept.map { ($0.size, $0.modified) } ?? FileStat.of(base + file.path)
                        return PreviousOutput.Record(
                            path: file.path, size: written?.size ?? -1, modified: written?.modified ?? 0,
                            sha256: file.sha256 ?? "", fingerprint: file.fingerprint, inputsKey: file.inputsKey)
                    },
                    inputs: inputs ?? []
                ).save(root: rootURL, output: output)
                if let salt = result.salt, let keys = result.inputKeys, let updates = result.trackerUpdates {
                    QuickBuild.State(
                        contentKey: BuildStamp.contentKey(
                            contentDigest: contentDigest, options: options, generator: generatorDigest, output: output),
                        settings: QuickBuild.State.settings(generatorIdentity: Self.generatorIdentity, output: output, options: options),
                        generator: generatorDigest, salt: salt, keys: keys, updates: updates,
                        reported: Set(result.diagnostics.all.map(\.file)).sorted(), warningCount: warnings, reportPrefix: pathPrefix
                    ).save(root: rootURL, output: output)
                }
            }
        }
        let total = (ContinuousClock.now - start).seconds
        let steps = result.timings.map { "\($0.step) \(String(format: "%.2f", $0.seconds))" }.joined(separator: ", ")
        let verb = output == nil ? "Checked" : "Built"
        let pages = result.files.count { $0.path.hasSuffix(".html") }
        let reused = result.files.count { $0.path.hasSuffix(".html") && $0.reusedFrom != nil }
        let rendered = output != nil && reused > 0 ? " (\(pages - reused) rendered, \(reused) unchanged)" : ""
        let destination = output.map { " into \($0.path(percentEncoded: false))" } ?? ""
        progress.say("\(verb) \(result.documentCount) documents, \(pages) pages\(rendered)\(destination) in \(String(format: "%.2f", total)) s (\(steps))"
            + (warnings > 0 ? "; \(warnings) warning\(warnings == 1 ? "" : "s")" : ""))
    }
}

extension SiteOptions {
    /// Reports a quick build as `runBuild` reports a full one: the last
    /// build's warnings (which still stand), then the summary line.
    func finishQuick(_ outcome: QuickBuild.Outcome, output: URL, start: ContinuousClock.Instant, progress: Progress) {
        if !outcome.report.isEmpty { FileHandle.standardError.write(Data((outcome.report + "\n").utf8)) }
        let total = (ContinuousClock.now - start).seconds
        let steps = outcome.timings.map { "\($0.step) \(String(format: "%.3f", $0.seconds))" }.joined(separator: ", ")
        let changed = outcome.changed.count == 1 ? outcome.changed[0] : "\(outcome.changed.count) documents"
        let warnings = outcome.warningCount
        progress.say("Built \(outcome.documentCount) documents, \(outcome.pageCount) pages (\(outcome.rendered) rendered, \(outcome.pageCount - outcome.rendered) unchanged) into \(output.path(percentEncoded: false)) in \(String(format: "%.2f", total)) s (quick: only the text of \(changed) changed; \(steps))"
            + (warnings > 0 ? "; \(warnings) warning\(warnings == 1 ? "" : "s")" : ""))
    }
}

extension SiteOptions {
    /// Prints that the last build into `output` is current, with its
    /// warnings (which still stand: with --strict they fail the run).
    func reportUpToDate(
        report: String, documents: Int, pages: Int, output: URL, start: ContinuousClock.Instant, progress: Progress
    ) throws {
        BuildStamp.prune(root: rootURL, output: output)
        if !report.isEmpty { FileHandle.standardError.write(Data((report + "\n").utf8)) }
        if strict, !report.isEmpty {
            FileHandle.standardError.write(Data("reportsite: failed with warnings (--strict)\n".utf8))
            throw ExitCode(1)
        }
        let seconds = String(format: "%.2f", (ContinuousClock.now - start).seconds)
        progress.say("Up to date: nothing in Content/ or Templates/ changed since the last build of \(documents) documents, \(pages) pages into \(output.path(percentEncoded: false)) (checked in \(seconds) s; --force rebuilds)")
    }
}

extension DiagnosticFormat: ExpressibleByArgument {}

extension SiteOptions {
    /// The last build into `output`, when it is still current: first by
    /// times (make's rule, a few stat calls), then by content (a fresh
    /// checkout has new times on every file but may hold the same bytes).
    /// `inputs` receives every input's digest when they had to be worked out.
    func upToDate(
        _ last: BuildStamp, lines: BuildStamp.Lines, output: URL, key: String, options: BuildOptions, files: [FileStat.Input],
        inputs: inout [PreviousOutput.Record]?
    ) -> BuildStamp? {
        var stamp = last
        // The same times, and still here: an output was altered or removed
        // (the outputs were checked before the stamp was parsed).
        if stamp.key == key { return nil }
        let digests = InputDigests.of(root: rootURL, files: files, known: stamp.inputs)
        inputs = digests
        let contentKey = BuildStamp.contentKey(
            contentDigest: InputDigests.contentDigest(digests), options: options, generator: generatorDigest, output: output)
        guard stamp.contentKey == contentKey, lines.outputsIntact(in: output) else { return nil }
        stamp.key = key  // next time the times match again
        stamp.inputs = digests
        stamp.save(root: rootURL, output: output)
        return stamp
    }
}

extension SiteOptions {
    /// Which reportsite made a build: its executable's path and file (see
    /// `FileStat.identity`), so a rebuilt generator never reuses an older
    /// build's output.
    static let generatorIdentity: String = {
        let path = Bundle.main.executablePath ?? CommandLine.arguments[0]
        return "reportsite \(path) " + (FileStat.identity(of: path) ?? "")
    }()

    /// Which reportsite, by the bytes of its executable (see `GeneratorDigest`).
    var generatorDigest: String {
        let path = Bundle.main.executablePath ?? CommandLine.arguments[0]
        return GeneratorDigest.of(executable: path, identity: Self.generatorIdentity, root: rootURL) ?? Self.generatorIdentity
    }
}

/// Progress lines on stderr, so stdout stays clean for tools.
struct Progress {
    let quiet: Bool

    func say(_ line: String) {
        guard !quiet else { return }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// What a command keeps until the process exits. A large build's result,
/// cache and last stamp are hundreds of thousands of small objects; freeing
/// them one by one took a tenth of a second, just before the process ends
/// and hands all of its memory back at once.
enum KeptUntilExit {
    nonisolated(unsafe) private static var values: [Any] = []

    static func keep(_ kept: Any...) {
        values.append(contentsOf: kept)
    }
}

