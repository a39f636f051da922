import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension BuildStamp {
    /// Whether every file of the last build is still in the output folder
    /// as it left it (a file altered or removed by hand must be written
    /// again, by the full build): asked by "Up to date" and by the quick
    /// build. 30,000 stats for the benchmark site, a third of a quick
    /// build's CPU time: a thread of its own starts on them at once, and the
    /// build's own thread, when it gets to needing the answer, takes the
    /// runs still left rather than wait. The command starts it as soon as
    /// the stamp is read, while its own threads still walk the inputs.
    public final class OutputCheck: @unchecked Sendable {
        private let stamp: BuildStamp.Lines
        private let folder: Int32
        private let lock = NSLock()
        private var next = 0
        private var failed = false
        /// Set when the quick build gave up: the answer is not needed.
        private var stopped = false
        private let runs: [Range<Int>]
        private var started: Alongside<Void>?

        /// Starts checking the outputs `stamp` lists in `output`.
        public convenience init(_ stamp: BuildStamp.Lines, in output: URL) {
            let folder = output.standardizedFileURL.path(percentEncoded: false)
            self.init(stamp, folder: folder.hasSuffix("/") ? folder : folder + "/")
        }

        init(_ stamp: BuildStamp.Lines, folder: String) {
            self.stamp = stamp
            self.folder = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            runs = stride(from: 0, to: stamp.outputs.count, by: 1024).map { $0..<min($0 + 1024, stamp.outputs.count) }
            started = Alongside { [self] in work() }
        }

        deinit {
            if folder >= 0 { close(folder) }
        }

        /// Works through runs until none is left (or one failed).
        private func work() {
            while let run = take() {
                if !stamp.outputsIntact(run, folder: folder) { lock.withLock { failed = true } }
            }
        }

        private func take() -> Range<Int>? {
            lock.withLock {
                guard !failed, !stopped, next < runs.count else { return nil }
                defer { next += 1 }
                return runs[next]
            }
        }

        /// The answer: this thread helps with what is left, then waits for
        /// the other's last run.
        public var intact: Bool {
            guard folder >= 0 else { return false }
            work()
            _ = started?.value
            return lock.withLock { !failed && !stopped }
        }

        /// Ends the check without its answer, once the other thread's run
        /// is done (it reads the stamp's bytes). A quick build that gives up
        /// (a face changed: a title edit) no longer checks the 30,000 files
        /// before the full build starts.
        public func stop() {
            lock.withLock { stopped = true }
            _ = started?.value
        }
    }
}

extension BuildStamp.Lines {
    /// Whether every output this stamp lists is in `output` with the size
    /// and time it recorded (make's rule), checked on two threads.
    public func outputsIntact(in output: URL) -> Bool {
        BuildStamp.OutputCheck(self, in: output).intact
    }
}
