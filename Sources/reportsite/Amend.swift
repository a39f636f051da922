import ArgumentParser
import Foundation
import ReportSite

struct Amend: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "amend",
        abstract: "Record a major change to a document.",
        discussion: """
            Freezes the current version beside the document (<slug>.versions/v<N>.md), \
            seals it in Content/versions.lock, and adds a dated change note, making the \
            document version N+1. Earlier versions stay readable at /<kind>/<slug>/v<N>/. \
            Minor edits (typos) need no command and do not change any date.
            """
    )

    @Argument(help: ArgumentHelp("The document, e.g. Content/reports/2017-09-01-ap17-47.md.", valueName: "document"))
    var document: String

    @Option(name: .long, help: "The public change note: what changed and why.")
    var note: String

    @Option(name: .long, help: ArgumentHelp("The day of the change (default: today).", valueName: "yyyy-mm-dd"))
    var date: String?

    @Option(name: .long, help: ArgumentHelp("The site folder.", valueName: "dir"))
    var root: String = "."

    func run() throws {
        let rootURL = URL(filePath: root, directoryHint: .isDirectory, relativeTo: URL.currentDirectory()).standardizedFileURL
        let day = try parseDay(date)
        do {
            let outcome = try Amendment.amend(root: rootURL, documentPath: document, note: note, date: day)
            print("Froze version \(outcome.newVersion - 1) as \(outcome.frozenPath); \(document) is now version \(outcome.newVersion).")
        } catch let failure as Amendment.Failure {
            FileHandle.standardError.write(Data("reportsite: error: \(failure.description)\n".utf8))
            throw ExitCode(1)
        }
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a new document with every required field stubbed.",
        discussion: "The new document is a draft: it is checked but not published until its status is 'published'."
    )

    @Argument(help: ArgumentHelp("meeting, report, response or page.", valueName: "kind"))
    var kind: String

    @Argument(help: "The document's title.")
    var title: String

    @Option(name: .long, help: ArgumentHelp("The document's date (default: today).", valueName: "yyyy-mm-dd"))
    var date: String?

    @Option(name: .long, help: ArgumentHelp("The site folder.", valueName: "dir"))
    var root: String = "."

    func run() throws {
        let names = DocumentKind.allCases.map(\.rawValue)
        guard let kind = DocumentKind(rawValue: kind) ?? DocumentKind(folder: kind) else {
            throw ValidationError("unknown kind '\(kind)'; use one of: \(names.joined(separator: ", "))")
        }
        let day = try parseDay(date)
        let rootURL = URL(filePath: root, directoryHint: .isDirectory, relativeTo: URL.currentDirectory()).standardizedFileURL
        let site = try? DiskFileSystem(root: rootURL).readText("Content/site.yml")
        let organisations = site.flatMap { SiteConfig.load($0).0 }?.organisations.map(\.id) ?? []
        let name = kind == .page ? DocumentStub.fileName(title: title, date: day).dropFirst(11).description : DocumentStub.fileName(title: title, date: day)
        let path = "Content/\(kind.folder)/\(name)"
        let url = rootURL.appending(path: path)
        guard !FileManager.default.fileExists(atPath: url.path(percentEncoded: false)) else {
            FileHandle.standardError.write(Data("reportsite: error: \(path) already exists\n".utf8))
            throw ExitCode(1)
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(DocumentStub.text(kind: kind, title: title, date: day, organisations: organisations).utf8).write(to: url)
        print(path)
    }
}

/// `--date`, or today's date in the machine's time zone (authoring commands
/// may use the clock; builds never do).
func parseDay(_ text: String?) throws -> Day {
    if let text {
        guard let day = Day(iso: text) else { throw ValidationError("--date must be YYYY-MM-DD, e.g. 2026-11-21") }
        return day
    }
    let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
    return Day(year: parts.year!, month: parts.month!, day: parts.day!)!
}
