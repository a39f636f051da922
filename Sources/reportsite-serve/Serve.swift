import ArgumentParser
import CommandLineExit
import Foundation
import ReportSite
import ReportSiteServer

/// `reportsite serve`: the `reportsite` command hands its arguments over to
/// this program, which lives beside it (see `ServeHandover` there).
@main
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reportsite serve",
        abstract: "Preview the site while you write.",
        discussion: """
            Builds the site, serves it, and rebuilds whenever a file in Content/ or \
            Templates/ changes; open pages reload themselves. Problems are shown in the \
            terminal and over the page, and clear when fixed. Nothing is written to Output/.
            """
    )

    @Option(name: .long, help: "The port to serve on.")
    var port: Int = 8000

    @Option(name: .long, help: ArgumentHelp("The address to listen on. Anything but loopback shares the preview (and its drafts) with the network.", valueName: "address"))
    var host: String = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("The site folder (holds Content/ and Templates/).", valueName: "dir"))
    var root: String = "."

    @Flag(name: .long, help: "Show drafts too.")
    var drafts = false

    @Flag(name: .long, help: "Open the site in the default browser.")
    var open = false

    @Flag(name: .long, help: "Watch by checking files every 250 ms instead of inotify.")
    var poll = false

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
    }

    func run() async throws {
        let rootURL = URL(filePath: root, directoryHint: .isDirectory, relativeTo: URL.currentDirectory()).standardizedFileURL
        guard FileManager.default.fileExists(atPath: rootURL.appending(path: "Content/site.yml").path(percentEncoded: false)) else {
            throw ValidationError("--root \(root): no Content/site.yml there")
        }
        let log: @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        if !PreviewServer.isLoopback(host) {
            log("warning: serving on \(host): anyone who can reach this machine can read the preview\(drafts ? ", drafts included" : "")")
        }
        let displayHost = host.contains(":") ? "[\(host)]" : host
        let url = "http://\(displayHost):\(port)/"
        let site = PreviewSite(
            fileSystem: DiskFileSystem(root: rootURL), options: BuildOptions(baseURL: url, includeDrafts: drafts))
        let server = PreviewServer(site: site, root: rootURL, host: host, port: UInt16(port), log: log)
        let open = self.open
        let stop = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        signal(SIGINT, SIG_IGN)
        stop.setEventHandler {
            log("Stopped.")
            // Nothing to save (the preview writes no files): leave at once,
            // without waiting for open connections.
            _exit(0)
        }
        stop.resume()
        try await server.run(usePolling: poll) {
            log("Serving \(url) (Ctrl-C to stop)")
            if open { Serve.openBrowser(url) }
        }
    }

    static func main() async {
        await runExitingTwoOnBadArguments()
    }

    static func openBrowser(_ url: String) {
        let process = Process()
        #if os(macOS)
            process.executableURL = URL(filePath: "/usr/bin/open")
        #else
            process.executableURL = URL(filePath: "/usr/bin/xdg-open")
        #endif
        process.arguments = [url]
        try? process.run()
    }
}
