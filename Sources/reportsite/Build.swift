import ArgumentParser
import Foundation

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site into the output folder.",
        discussion: """
            Everything is checked first; the site is written to a staging folder and \
            swapped in only when the build succeeds, so a failed build leaves the \
            previous output untouched.
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: ArgumentHelp("Where to write the site (default: <root>/Output).", valueName: "dir"))
    var output: String?

    @Flag(name: .long, help: "Build even when nothing changed since the last build into the same folder.")
    var force = false

    func run() throws {
        let destination = output.map {
            URL(filePath: $0, directoryHint: .isDirectory, relativeTo: URL.currentDirectory()).standardizedFileURL
        } ?? site.rootURL.appending(path: "Output", directoryHint: .isDirectory)
        try site.runBuild(write: destination, force: force)
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the site without writing anything.",
        discussion: "Loads, validates and renders every page exactly as build does. Exit 0 when clean, 1 on content errors."
    )

    @OptionGroup var site: SiteOptions

    func run() throws {
        try site.runBuild(write: nil)
    }
}
