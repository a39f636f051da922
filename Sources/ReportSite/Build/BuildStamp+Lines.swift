import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension BuildStamp {
    /// A stamp as read, its records left as lines of bytes until one is asked
    /// for. Turning the 40,000 records of a 10,000-document site into strings
    /// took 0.06–0.1 s; a quick build (see `QuickBuild`) reads the inputs and
    /// a few outputs, and writes the next stamp by copying the lines that
    /// did not change.
    ///
    /// A record's line is `size, modified, sha256, kind, inputs key, path`,
    /// tab-separated; `kind` is the page fingerprint (or `-`) of an output
    /// and `input` for an input. A line that does not read back is skipped,
    /// losing only its file.
    public struct Lines: Sendable {
        private let file: MappedFile
        var bytes: UnsafeBufferPointer<UInt8> { file.bytes }
        /// The header as it was written (see `bytes(output:)`).
        let output: String
        public let key: String
        let contentKey: String
        public let documentCount: Int
        public let pageCount: Int
        public let report: String
        /// Each output's line (without its newline), in the stamp's order (by path).
        let outputs: [Range<Int>]
        /// Each input's line, by path.
        let inputs: [Range<Int>]

        init?(_ file: MappedFile) {
            let bytes = file.bytes
            var lines: [Range<Int>] = []
            lines.reserveCapacity(bytes.count / 200)
            if let base = bytes.baseAddress, !bytes.isEmpty {
                var start = 0
                while start < bytes.count {
                    let end = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start)
                        .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? bytes.count
                    lines.append(start..<end)
                    start = end + 1
                }
                // A stamp ends with a newline, which ends its last line: as
                // with `split`, what follows it is one more (empty) line.
                if bytes[bytes.count - 1] == UInt8(ascii: "\n") { lines.append(bytes.count..<bytes.count) }
            }
            func text(_ line: Int) -> String { String(decoding: bytes[lines[line]], as: UTF8.self) }
            // Line 2 is the output folder (see `outputFolder(of:)`).
            guard lines.count >= 8, text(0) == BuildStamp.formatLine, let documents = Int(text(4)), let pages = Int(text(5)),
                let reportLines = Int(text(6)), reportLines >= 0, lines.count >= 7 + reportLines
            else { return nil }
            self.file = file
            output = text(1)
            key = text(2)
            contentKey = text(3)
            documentCount = documents
            pageCount = pages
            report = (7..<(7 + reportLines)).map(text).joined(separator: "\n")
            var outputs: [Range<Int>] = []
            var inputs: [Range<Int>] = []
            outputs.reserveCapacity(lines.count)
            for line in lines[(7 + reportLines)...] {
                switch Self.kind(of: line, in: bytes) {
                case .output?: outputs.append(line)
                case .input?: inputs.append(line)
                case nil: continue
                }
            }
            self.outputs = outputs
            self.inputs = inputs
        }

        private enum Kind { case output, input }

        /// Whether the line is an output's or an input's, told by its fourth field.
        private static func kind(of line: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Kind? {
            var tabs = 0
            var index = line.lowerBound
            while index < line.upperBound, tabs < 3 {
                if bytes[index] == UInt8(ascii: "\t") { tabs += 1 }
                index += 1
            }
            guard tabs == 3 else { return nil }
            let input = Array("input\t".utf8)
            return index + input.count <= line.upperBound && bytes[index..<(index + input.count)].elementsEqual(input) ? .input : .output
        }

        /// The record on `line`; nil when it does not read back.
        func record(_ line: Range<Int>) -> PreviousOutput.Record? {
            var fields: [Range<Int>] = []
            var start = line.lowerBound
            for index in line where bytes[index] == UInt8(ascii: "\t") && fields.count < 5 {
                fields.append(start..<index)
                start = index + 1
            }
            fields.append(start..<line.upperBound)
            func text(_ field: Int) -> String { String(decoding: bytes[fields[field]], as: UTF8.self) }
            guard fields.count == 6, let size = Self.integer(bytes[fields[0]]), let modified = Self.integer(bytes[fields[1]]) else {
                return nil
            }
            let kind = text(3)
            let inputsKey = text(4)
            return PreviousOutput.Record(
                path: text(5), size: size, modified: modified, sha256: text(2),
                fingerprint: kind == "-" || kind == "input" ? nil : kind, inputsKey: inputsKey == "-" ? nil : inputsKey)
        }

        /// Every record, outputs and inputs: the whole stamp. Parsed on
        /// every core: 40,000 records were 0.1 s of a title change on one.
        public var stamp: BuildStamp {
            let records = ParallelMap.map(outputs + inputs) { record($0) }
            return BuildStamp(
                key: key, contentKey: contentKey, report: report, documentCount: documentCount, pageCount: pageCount,
                outputs: records[..<outputs.count].compactMap { $0 }, inputs: records[outputs.count...].compactMap { $0 })
        }

        /// Whether `line` is the record of `path` (its last field), compared as bytes.
        func line(_ line: Range<Int>, isOf path: [UInt8]) -> Bool {
            line.count > path.count && bytes[line.upperBound - path.count - 1] == UInt8(ascii: "\t")
                && Self.same(UnsafeBufferPointer(rebasing: bytes[(line.upperBound - path.count)..<line.upperBound]), path)
        }

        /// The records of the outputs at `paths` that the stamp has, by path.
        func outputs(_ paths: Set<String>) -> [String: PreviousOutput.Record] {
            let wanted = paths.map { Array($0.utf8) }
            var found: [String: PreviousOutput.Record] = [:]
            for line in outputs where wanted.contains(where: { self.line(line, isOf: $0) }) {
                if let record = record(line) { found[record.path] = record }
            }
            return found
        }

        /// The stamp with `key` and `contentKey` replaced, and the records
        /// of `changed` outputs and inputs (by path) written in place of
        /// theirs, as runs of this stamp's lines: every other line is
        /// copied as it was. Nil when one of `changed` has no record to replace.
        func replacing(
            key: String, contentKey: String, outputs changed: [PreviousOutput.Record], inputs changedInputs: [PreviousOutput.Record]
        ) -> ByteRuns? {
            var header: [UInt8] = []
            BuildStamp.appendHeader(
                to: &header, output: output, key: key, contentKey: contentKey, documentCount: documentCount, pageCount: pageCount,
                report: report)
            var runs = ByteRuns()
            runs.append(header)
            func copy(_ lines: [Range<Int>], replacing records: [PreviousOutput.Record], kind: (PreviousOutput.Record) -> String) -> Bool {
                var pending = records.map { (path: Array($0.path.utf8), record: $0) }
                for line in lines {
                    if let match = pending.firstIndex(where: { self.line(line, isOf: $0.path) }) {
                        var replacement: [UInt8] = []
                        BuildStamp.appendLine(pending[match].record, kind: kind(pending[match].record), to: &replacement)
                        runs.append(replacement)
                        pending.remove(at: match)
                    } else {
                        // The line with its newline, which the stamp always has.
                        runs.append(old: line.lowerBound..<min(line.upperBound + 1, bytes.count))
                    }
                }
                return pending.isEmpty
            }
            guard copy(outputs, replacing: changed, kind: { $0.fingerprint ?? "-" }),
                copy(inputs, replacing: changedInputs, kind: { _ in "input" })
            else { return nil }
            return runs
        }

        /// Writes `runs` (made by `replacing`) as the stamp of the last build
        /// into `output`: into a new file, renamed over the old one, which
        /// this stamp may still be reading.
        func write(_ runs: ByteRuns, root: URL, output: URL) {
            BuildStamp.replaceFile(at: BuildStamp.url(root: root, output: output)) { try runs.write(to: $0, old: bytes) }
        }

        // MARK: - Read as bytes, for a quick build

        /// The byte ranges of a record's fields, without making a string.
        struct Fields {
            var size: Int
            var modified: Int
            var sha256: Range<Int>
            var path: Range<Int>
        }

        func fields(_ line: Range<Int>) -> Fields? {
            // The five tabs, found by memchr and kept without an array: this
            // runs for each of 30,000 lines, several times per quick build.
            guard let base = bytes.baseAddress else { return nil }
            var tabs = (0, 0, 0, 0, 0)
            var at = line.lowerBound
            for found in 0..<5 {
                guard at < line.upperBound, let hit = memchr(base + at, 9, line.upperBound - at) else { return nil }
                let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                switch found {
                case 0: tabs.0 = index
                case 1: tabs.1 = index
                case 2: tabs.2 = index
                case 3: tabs.3 = index
                default: tabs.4 = index
                }
                at = index + 1
            }
            guard let size = Self.integer(bytes[line.lowerBound..<tabs.0]), let modified = Self.integer(bytes[(tabs.0 + 1)..<tabs.1])
            else { return nil }
            return Fields(size: size, modified: modified, sha256: (tabs.1 + 1)..<tabs.2, path: (tabs.4 + 1)..<line.upperBound)
        }

        /// The inputs whose size or time differ from `walked` (this build's
        /// walk, by path), each with its record and its size and time now;
        /// nil when a file was added or removed, or a line does not read.
        func inputChanges(_ walked: [FileStat.Input]) -> [(old: PreviousOutput.Record, now: FileStat.Input)]? {
            guard walked.count == inputs.count else { return nil }
            var changed: [(PreviousOutput.Record, FileStat.Input)] = []
            for (line, file) in zip(inputs, walked) {
                guard let fields = fields(line), bytes[fields.path].elementsEqual(file.path.utf8) else { return nil }
                if fields.size != file.size || fields.modified != file.modified {
                    guard let record = record(line) else { return nil }
                    changed.append((record, file))
                }
            }
            return changed
        }

        /// `Manifest.contentDigest` of the inputs, with `changed` records in
        /// place of theirs, hashed from the lines as they lie.
        func contentDigest(replacing changed: [PreviousOutput.Record]) -> String? {
            let replaced = changed.map { (path: Array($0.path.utf8), sha256: Array($0.sha256.utf8)) }
            var hash = SHA256()
            var text: [UInt8] = []
            text.reserveCapacity(64 * 1024)
            for line in inputs {
                guard let fields = fields(line) else { return nil }
                let path = UnsafeBufferPointer(rebasing: bytes[fields.path])
                text.append(contentsOf: path)
                text.append(0)
                if let new = replaced.first(where: { Self.same(path, $0.path) }) {
                    text.append(contentsOf: new.sha256)
                } else {
                    text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[fields.sha256]))
                }
                text.append(UInt8(ascii: "\n"))
                if text.count > 60 * 1024 {
                    hash.update(data: text)
                    text.removeAll(keepingCapacity: true)
                }
            }
            hash.update(data: text)
            return Text.hex(hash.finalize())
        }

        /// Whether the stamp has an output at `path`, found by halving: the
        /// outputs are in path order, which for the paths a build writes
        /// (ASCII) is the order of their bytes. A path it cannot find costs
        /// a quick build its quick way (see `LinkChecker.Kept`), never a wrong page.
        func hasOutput(_ path: String) -> Bool {
            var path = path
            return path.withUTF8 { wanted in
                var low = 0
                var high = outputs.count
                while low < high {
                    let middle = (low + high) / 2
                    guard let fields = fields(outputs[middle]) else { return false }
                    let found = UnsafeBufferPointer(rebasing: bytes[fields.path])
                    let order = Self.compare(found, wanted)
                    if order == 0 { return true }
                    if order < 0 { low = middle + 1 } else { high = middle }
                }
                return false
            }
        }

        /// The byte order of two paths: negative, zero or positive.
        private static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
            let common = min(a.count, b.count)
            if common > 0 {
                let order = memcmp(a.baseAddress!, b.baseAddress!, common)
                if order != 0 { return Int(order) }
            }
            return a.count - b.count
        }

        /// Whether the outputs `range` (positions in `outputs`) are in the
        /// folder open as `folder` with the size and time the stamp
        /// recorded (make's rule). Each is stat-ed relative to the folder:
        /// a stat by full path looked up every folder above it again.
        func outputsIntact(_ range: Range<Int>, folder: Int32) -> Bool {
            // Paths are sorted, so a run's files share a few top folders
            // (`reports/`, …): each is opened once and the file stat-ed
            // below it, one folder fewer for the kernel to look up each time.
            var top: (name: [UInt8], descriptor: Int32)?
            defer { if let top, top.descriptor >= 0 { close(top.descriptor) } }
            var path: [UInt8] = []
            for line in outputs[range] {
                guard let fields = fields(line) else { return false }
                let bytes = UnsafeBufferPointer(rebasing: bytes[fields.path])
                var base = folder
                var rest = bytes[...]
                if let slash = bytes.firstIndex(of: UInt8(ascii: "/")) {
                    let name = bytes[..<slash]
                    if top?.name.elementsEqual(name) != true {
                        if let top, top.descriptor >= 0 { close(top.descriptor) }
                        top = (Array(name), openat(folder, String(decoding: name, as: UTF8.self), O_RDONLY | O_DIRECTORY | O_CLOEXEC))
                    }
                    guard let top, top.descriptor >= 0 else { return false }
                    base = top.descriptor
                    rest = bytes[(slash + 1)...]
                }
                path.removeAll(keepingCapacity: true)
                path.append(contentsOf: rest)
                path.append(0)
                var info = stat()
                let found = path.withUnsafeBufferPointer { buffer in
                    buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { fstatat(base, $0, &info, 0) == 0 }
                }
                guard found, Int(info.st_size) == fields.size, FileStat.nanoseconds(info) == fields.modified else { return false }
            }
            return true
        }

        static func same(_ bytes: UnsafeBufferPointer<UInt8>, _ other: [UInt8]) -> Bool {
            bytes.count == other.count
                && (bytes.isEmpty || other.withUnsafeBufferPointer { memcmp(bytes.baseAddress!, $0.baseAddress!, bytes.count) == 0 })
        }

        /// A decimal number written by `appendDecimal`, read without a string.
        private static func integer(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
            guard !digits.isEmpty, digits.count <= 19 else { return nil }
            var index = digits.startIndex
            let negative = digits[index] == UInt8(ascii: "-") && digits.count > 1
            if negative { index += 1 }
            var value = 0
            while index < digits.endIndex {
                let digit = digits[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
                index += 1
            }
            return negative ? -value : value
        }
    }

    /// The stamp at `url`, read without parsing its records.
    static func lines(at url: URL) -> Lines? {
        MappedFile(url.path(percentEncoded: false)).flatMap(Lines.init)
    }

    /// The last build into `output`, its records left unparsed.
    public static func lastLines(root: URL, output: URL) -> Lines? {
        lines(at: url(root: root, output: output))
    }

    /// Writes the file at `url` with `write` (given a path) into a new file
    /// beside it and renames that over it: a stamp is read mapped, and a
    /// file truncated under a mapping faults its reader.
    static func replaceFile(at url: URL, _ write: (String) throws -> Void) {
        let path = url.path(percentEncoded: false)
        let temporary = path + ".new-\(getpid())"
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        do {
            try write(temporary)
            guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            unlink(temporary)
        }
    }
}
