import Testing

@testable import ReportSite

/// Links written as document paths, resolved as GitHub resolves them.
@Suite struct DocumentIndexTests {
    let index = DocumentIndex([
        ("Content/reports/2024-ap17.md", "/reports/2024-ap17/"), ("Content/meetings/custody.md", "/meetings/custody/"),
    ])

    @Test func pathsResolveFromTheDocumentsFolderThenFromContent() {
        #expect(index.resolve("2024-ap17.md", from: "Content/reports/x.md") == .page("/reports/2024-ap17/"))
        #expect(index.resolve("../meetings/custody.md", from: "Content/reports/x.md") == .page("/meetings/custody/"))
        #expect(index.resolve("./../meetings//custody.md", from: "Content/reports/x.md") == .page("/meetings/custody/"))
        #expect(index.resolve("reports/2024-ap17.md", from: "Content/meetings/custody.md") == .page("/reports/2024-ap17/"))
        #expect(index.resolve("/Content/meetings/custody.md", from: "Content/reports/x.md") == .page("/meetings/custody/"))
        #expect(index.resolve("2024-ap17.md", from: "Content/reports/./x.md") == .page("/reports/2024-ap17/"))
        guard case .missing = index.resolve("custody.md", from: "Content/reports/x.md") else {
            Issue.record("found in the wrong folder")
            return
        }
    }

    /// A quick build resolves links against its walk of the site, working
    /// out only the paths a link names: the same answers, notes included
    /// (a decode-cache entry keeps them).
    @Test func theWalkOfASiteResolvesAsItsDocumentsDo() {
        let walked = DocumentIndex(files: [
            "Content/reports/2024-ap17.md", "Content/meetings/custody.md", "Content/site.yml", "Content/data/metrics.yml",
            "Content/reports/2024-ap17.versions/v1.md", "Content/reports/Not A Slug.md", "Templates/layout.mustache",
        ])
        let links = [
            ("2024-ap17.md", "Content/reports/x.md"), ("../meetings/custody.md", "Content/reports/x.md"),
            ("/Content/meetings/custody.md", "Content/reports/x.md"), ("custody.md", "Content/reports/x.md"),
            ("2024-ap17.versions/v1.md", "Content/reports/x.md"), ("../site.yml", "Content/reports/x.md"),
            ("data/metrics.yml", "Content/reports/x.md"), ("Not A Slug.md", "Content/reports/x.md"),
        ]
        for (link, from) in links {
            #expect(walked.resolve(link, from: from) == index.resolve(link, from: from), "\(link)")
        }
    }

    /// Paths with nothing to resolve are given back as they are; the rest lose
    /// empty and `.` segments, and `..` takes away the segment before it.
    @Test func normalisingResolvesDotSegments() {
        let expected = [
            "": "", "/": "", "a": "a", "a/b.md": "a/b.md", "/a/b.md": "a/b.md", "a/b.md/": "a/b.md", "a//b.md": "a/b.md",
            "./a.md": "a.md", "../a.md": "a.md", "a/./b.md": "a/b.md", "a/../b.md": "b.md", "a/..": "", ".": "", "..": "",
            ".hidden/x.md": ".hidden/x.md", "a/.b": "a/.b", "a/b..md": "a/b..md", "a/b/../../../c.md": "c.md", "é/ü.md": "é/ü.md",
        ]
        for (path, normal) in expected {
            #expect(DocumentIndex.normalise(path) == normal, "\(path)")
        }
        #expect(DocumentIndex.isNormal("reports/2024-ap17.md"))
        #expect(!DocumentIndex.isNormal("reports//x.md"))
        #expect(DocumentIndex.folder(of: "Content/reports/x.md") == "reports")
        #expect(DocumentIndex.folder(of: "Content/x.md") == "")
        #expect(DocumentIndex.folder(of: "Content/a/b/x.md") == "a/b")
    }
}
