import Foundation
import Testing

@testable import ReportSite

/// The build stamp is how the next build knows what it may skip and reuse:
/// read back, it must be exactly what was saved, and a damaged line must
/// cost that one file, not the whole stamp.
@Suite struct BuildStampTests {
    let output = URL(filePath: "/tmp/site/Output/", directoryHint: .isDirectory)

    func stamp(report: String) -> BuildStamp {
        let digest = String(repeating: "ab", count: 32)
        return BuildStamp(
            key: "key", contentKey: "content key", report: report, documentCount: 3, pageCount: 2,
            outputs: [
                .init(path: "index.html", size: 1_234, modified: 1_764_806_400_123_456_789, sha256: digest,
                    fingerprint: "fingerprint", inputsKey: "inputs"),
                .init(path: "reports/a b/index.html", size: 0, modified: 0, sha256: digest, fingerprint: "f2"),
                .init(path: "search-index.json", size: -1, modified: 0, sha256: "", fingerprint: nil),
            ],
            inputs: [.init(path: "Content/site.yml", size: 99, modified: 5, sha256: digest, fingerprint: nil)])
    }

    func expectSame(_ read: BuildStamp?, _ saved: BuildStamp, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(read?.key == saved.key, sourceLocation: sourceLocation)
        #expect(read?.contentKey == saved.contentKey, sourceLocation: sourceLocation)
        #expect(read?.report == saved.report, sourceLocation: sourceLocation)
        #expect(read?.documentCount == saved.documentCount, sourceLocation: sourceLocation)
        #expect(read?.pageCount == saved.pageCount, sourceLocation: sourceLocation)
        #expect(read?.outputs == saved.outputs, sourceLocation: sourceLocation)
        #expect(read?.inputs == saved.inputs, sourceLocation: sourceLocation)
    }

    @Test(arguments: ["", "one warning", "a.md:1:1: warning: x\n    ^\n\nnote: y"])
    func aStampReadsBackAsSaved(report: String) {
        let saved = stamp(report: report)
        expectSame(BuildStamp(text: Data(saved.bytes(output: output))), saved)
    }

    @Test func aDamagedLineLosesOnlyItsFile() throws {
        let saved = stamp(report: "warning")
        var lines = String(decoding: saved.bytes(output: output), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let damaged = try #require(lines.firstIndex { $0.hasSuffix("\treports/a b/index.html") })
        lines[damaged] = "12x\t0\tdigest\tf2\t-\treports/a b/index.html"
        lines.insert("7\t8", at: damaged)  // cut short
        var expected = saved
        expected.outputs.removeAll { $0.path == "reports/a b/index.html" }
        expectSame(BuildStamp(text: Data(lines.joined(separator: "\n").utf8)), expected)
    }

    @Test func anotherFormatOrACutHeaderIsNoStamp() {
        let text = String(decoding: stamp(report: "").bytes(output: output), as: UTF8.self)
        #expect(BuildStamp(text: Data(text.replacing(BuildStamp.formatLine, with: "reportsite build stamp 5").utf8)) == nil)
        #expect(BuildStamp(text: Data(text.split(separator: "\n").prefix(4).joined(separator: "\n").utf8)) == nil)
        #expect(BuildStamp(text: Data()) == nil)
    }

    // MARK: - Read as lines, for a quick build

    func lines(_ stamp: BuildStamp) throws -> BuildStamp.Lines {
        try #require(BuildStamp.Lines(MappedFile(copying: Data(stamp.bytes(output: output)))))
    }

    @Test func everyOutputIsFoundByItsPathAndNothingElse() throws {
        let saved = stamp(report: "")
        let read = try lines(saved)
        for record in saved.outputs { #expect(read.hasOutput(record.path), "\(record.path)") }
        for path in ["", "index", "index.html5", "reports/a b", "zzz", "Content/site.yml", "a"] { #expect(!read.hasOutput(path), "\(path)") }
    }

    /// The next stamp, written as runs of this one's lines, reads back as
    /// the stamp with the changed records in place of theirs.
    @Test func aStampWithSomeRecordsReplacedReadsBackSo() throws {
        let saved = stamp(report: "a.md:1:1: warning: x\n\nnote: y")
        let read = try lines(saved)
        let page = PreviousOutput.Record(
            path: "reports/a b/index.html", size: 77, modified: 88, sha256: String(repeating: "cd", count: 32), fingerprint: "f3",
            inputsKey: "k3")
        let input = PreviousOutput.Record(path: "Content/site.yml", size: 100, modified: 6, sha256: "ef", fingerprint: nil)
        let runs = try #require(read.replacing(key: "key 2", contentKey: "content 2", outputs: [page], inputs: [input]))
        var expected = saved
        expected.key = "key 2"
        expected.contentKey = "content 2"
        expected.outputs[1] = page
        expected.inputs[0] = input
        let bytes = read.bytes
        expectSame(BuildStamp(text: Data(runs.bytes(old: bytes))), expected)
        // A record it does not have is not made up.
        let stranger = PreviousOutput.Record(path: "nowhere.html", size: 1, modified: 1, sha256: "", fingerprint: nil)
        #expect(read.replacing(key: "k", contentKey: "c", outputs: [stranger], inputs: []) == nil)
    }

    @Test func theInputsDigestAndChangesAreReadFromTheLines() throws {
        var saved = stamp(report: "")
        saved.inputs.append(.init(path: "Content/x.md", size: 5, modified: 6, sha256: String(repeating: "01", count: 32), fingerprint: nil))
        let read = try lines(saved)
        let changed = PreviousOutput.Record(path: "Content/x.md", size: 7, modified: 8, sha256: "new", fingerprint: nil)
        #expect(read.contentDigest(replacing: []) == InputDigests.contentDigest(saved.inputs))
        #expect(read.contentDigest(replacing: [changed]) == InputDigests.contentDigest([saved.inputs[0], changed]))

        let walked: [FileStat.Input] = [("Content/site.yml", 99, 5), ("Content/x.md", 5, 9)]
        let changes = try #require(read.inputChanges(walked))
        #expect(changes.map(\.old.path) == ["Content/x.md"])
        #expect(changes.first?.now.modified == 9)
        #expect(read.inputChanges(walked + [("Content/y.md", 1, 1)]) == nil, "a file added")
        #expect(read.inputChanges([("Content/site.yml", 99, 5), ("Content/w.md", 5, 6)]) == nil, "a file renamed")
    }
}
