import ArgumentParser
import Foundation
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
        subcommands: [Build.self, Check.self, Serve.self, New.self, Amend.self]
    )

    /// ArgumentParser exits 64 (EX_USAGE) for bad arguments; reportsite
    /// promises 2, so CI scripts can tell bad content (1) from a bad call.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
