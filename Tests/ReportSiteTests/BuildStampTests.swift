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
}
