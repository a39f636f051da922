import ArgumentParser
import Foundation
import CommandLineExit
import ReportSite

@main
struct Reportsite: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reportsite",
        abstract: "Build accessible, versioned public-accountability sites from Markdown documents.",
        discussion: """
            A site folder holds Content/ (site.yml and the documents, one folder per kind) \
            and Templates/ (Mustache templates and assets/). Problems are reported as \
            file:line:col: error: messages.

            Exit status: 0 success, 1 content errors, 2 usage or internal errors.
            """,
        // Each subcommand gives its name: without one, ArgumentParser makes it
        // with String(describing:), whose protocol lookups scan every
        // conformance in this statically linked binary, about 3 ms of every run.
        subcommands: [Build.self, Check.self, ServeListing.self, New.self, Amend.self]
    )

    static func main() async {
        if let serving = ServeHandover.arguments(CommandLine.arguments) { ServeHandover.run(serving) }
        await runExitingTwoOnBadArguments()
    }
}
