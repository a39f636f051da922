import Testing

@testable import ReportSite

@Suite struct FrontMatterTests {
    func split(_ text: String) -> Result<FrontMatter, Diagnostic> {
        FrontMatter.split(SourceFile(path: "doc.md", text: text))
    }

    @Test func splitsYAMLFromBodyAndKeepsLineNumbers() throws {
        let front = try split("---\ntitle: A\ndate: 2024-01-01\n---\n\nBody\n").get()
        #expect(front.yaml == "title: A\ndate: 2024-01-01")
        #expect(front.yamlFirstLine == 2)
        #expect(front.body == "\nBody\n")
        #expect(front.bodyFirstLine == 5)
    }

    @Test func acceptsCRLFLineEnds() throws {
        let front = try split("---\r\ntitle: A\r\n---\r\nBody\r\n").get()
        #expect(front.yaml == "title: A")
        #expect(front.body == "Body\n")
        #expect(front.bodyFirstLine == 4)
    }

    @Test func dropsByteOrderMark() throws {
        let front = try split("\u{FEFF}---\ntitle: A\n---\nBody").get()
        #expect(front.yaml == "title: A")
    }

    @Test func acceptsDotsAndTrailingSpacesOnFences() throws {
        let front = try split("---  \ntitle: A\n...\nBody").get()
        #expect(front.yaml == "title: A")
        #expect(front.body == "Body")
    }

    @Test func reportsMissingClosingFence() {
        guard case let .failure(error) = split("---\ntitle: A\n\nBody") else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.description == "doc.md:1:1: error: the front matter opened here is never closed")
    }

    @Test func reportsEmptyFile() {
        guard case let .failure(error) = split(" \n\n") else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.description == "doc.md:1:1: error: the file is empty")
    }

    @Test func reportsMissingOpeningFence() {
        guard case let .failure(error) = split("title: A\n---\n") else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.description == "doc.md:1:1: error: expected front matter: the first line must be '---'")
    }

    @Test func sourceLinesMatchAnEditorsView() {
        let file = SourceFile(path: "x", text: "\u{FEFF}one\r\ntwo\rthree")
        #expect(file.line(1) == "one")
        #expect(file.line(2) == "two")
        #expect(file.line(3) == "three")
        #expect(file.line(4) == nil)
    }
}
