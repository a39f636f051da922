import FlyingFox
import FlyingSocks
import Foundation
import ReportSite

/// `reportsite serve`: builds the site, serves it from memory, watches the
/// site folder and rebuilds on every change, reloading open pages.
public struct PreviewServer: Sendable {
    public let site: PreviewSite
    public let root: URL
    public let host: String
    public let port: UInt16
    /// Prints progress and problems (stderr in the command line).
    public let log: @Sendable (String) -> Void

    public init(site: PreviewSite, root: URL, host: String, port: UInt16, log: @escaping @Sendable (String) -> Void) {
        self.site = site
        self.root = root
        self.host = host
        self.port = port
        self.log = log
    }

    /// Loopback addresses: anything else shares unpublished drafts with the network.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    public func makeHTTPServer() throws -> HTTPServer {
        let resolved = host == "localhost" ? "127.0.0.1" : host
        if resolved.contains(":") {
            return HTTPServer(address: try sockaddr_in6.inet6(ip6: resolved, port: port), handler: PreviewHandler(site: site))
        }
        return HTTPServer(address: try sockaddr_in.inet(ip4: resolved, port: port), handler: PreviewHandler(site: site))
    }

    /// Builds, starts serving, and rebuilds on each change until cancelled.
    public func run(usePolling: Bool = false, onListening: @Sendable () async -> Void = {}) async throws {
        await rebuild(reason: nil)
        let server = try makeHTTPServer()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            try await server.waitUntilListening()
            await onListening()
            // Full rebuilds run one at a time; changes that arrive meanwhile
            // are gathered into the next one (never queued one by one).
            let (requests, requester) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
            group.addTask {
                for await _ in requests { await rebuild(reason: nil) }
            }
            group.addTask {
                let watcher = FileWatcher(root: root, folders: ["Content", "Templates"])
                for await changes in watcher.changes(usePolling: usePolling) {
                    await quickUpdate(changes)
                    requester.yield()
                }
            }
            try await group.next()
            group.cancelAll()
            await server.stop()
        }
    }

    /// Logs what changed and shows a body edit at once when it can.
    func quickUpdate(_ changes: Set<String>) async {
        let shown = changes.sorted().prefix(3).joined(separator: ", ") + (changes.count > 3 ? " and \(changes.count - 3) more" : "")
        log("Changed: \(shown)")
        let start = ContinuousClock.now
        if let pages = await site.quickUpdate(changes) {
            let milliseconds = String(format: "%.0f", (ContinuousClock.now - start).seconds * 1000)
            log("Redrew \(pages.joined(separator: ", ")) in \(milliseconds) ms; pages reloading; rebuilding the rest")
        }
    }

    func rebuild(reason: Set<String>?) async {
        if let reason {
            let shown = reason.sorted().prefix(3).joined(separator: ", ") + (reason.count > 3 ? " and \(reason.count - 3) more" : "")
            log("Changed: \(shown)")
        }
        let start = ContinuousClock.now
        let result = await site.rebuild()
        let seconds = (ContinuousClock.now - start).seconds
        if !result.diagnostics.all.isEmpty { log(result.formattedDiagnostics()) }
        if result.succeeded {
            log("Rebuilt \(result.documentCount) documents in \(String(format: "%.0f", seconds * 1000)) ms; pages reloading")
        } else {
            log("Build failed with \(result.diagnostics.errorCount) error\(result.diagnostics.errorCount == 1 ? "" : "s"); the last good build is still served, with the problems shown on each page")
        }
    }
}
