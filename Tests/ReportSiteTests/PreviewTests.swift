import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@testable import ReportSite
@testable import ReportSiteServer

/// The preview: incremental rebuilds equal clean builds, the watcher sees
/// every kind of change, and the server serves only the site, correctly.
@Suite(.serialized) struct PreviewTests {
    func makeSite() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appending(path: "reportsite-preview-\(UUID().uuidString)")
        for (path, data) in Fixtures.site("valid").contents {
            let url = root.appending(path: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        return root
    }

    func write(_ root: URL, _ path: String, _ text: String) throws {
        let url = root.appending(path: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ root: URL, _ path: String) throws -> String {
        String(decoding: try Data(contentsOf: root.appending(path: path)), as: UTF8.self)
    }

    // MARK: - Incremental builds

    @Test func incrementalBuildsEqualCleanBuildsAfterAddEditRenameAndDelete() throws {
        let root = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let fileSystem = DiskFileSystem(root: root)
        let cache = DecodeCache()
        func compare(_ step: String) {
            let incremental = SiteBuilder.build(fileSystem, options: BuildOptions(cache: cache))
            let clean = SiteBuilder.build(fileSystem)
            #expect(incremental.succeeded, "\(step): \(incremental.formattedDiagnostics())")
            #expect(incremental.files.map(\.path) == clean.files.map(\.path), "\(step)")
            #expect(incremental.files.map(\.data) == clean.files.map(\.data), "\(step)")
        }
        compare("first build")
        #expect(cache.lastDecoded.count == 5)

        let page = "Content/pages/about.md"
        try write(root, page, try read(root, page).replacing("This is a fixture.", with: "This is an edited fixture."))
        compare("edit")
        #expect(cache.lastDecoded == [page], "only the edited file is decoded again")

        try write(root, "Content/pages/new-page.md", "---\ntitle: New page\n---\nHello.\n")
        compare("add")
        try FileManager.default.moveItem(at: root.appending(path: "Content/pages/new-page.md"), to: root.appending(path: "Content/pages/renamed-page.md"))
        compare("rename")
        try FileManager.default.removeItem(at: root.appending(path: "Content/pages/renamed-page.md"))
        compare("delete")
        try write(root, "Templates/page.mustache", try read(root, "Templates/page.mustache").replacing("<div class=\"body\">", with: "<div class=\"body page-body\">"))
        compare("template edit")
        #expect(cache.lastDecoded.isEmpty, "a template change re-renders pages without decoding documents")
    }

    // MARK: - Watcher

    @Test(arguments: [false, true])
    func watcherSeesAddsEditsRenamesDeletesAndNewFolders(polling: Bool) async throws {
        let root = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let watcher = FileWatcher(root: root, folders: ["Content", "Templates"], interval: .milliseconds(100))
        var changes = watcher.changes(usePolling: polling).makeAsyncIterator()
        try await Task.sleep(for: .milliseconds(300))

        func next(_ action: () throws -> Void) async throws -> Set<String> {
            try action()
            var seen: Set<String> = []
            let deadline = ContinuousClock.now + .seconds(5)
            while ContinuousClock.now < deadline {
                if let batch = await changes.next() { seen.formUnion(batch) }
                if !seen.isEmpty { try await Task.sleep(for: .milliseconds(polling ? 150 : 80)); break }
            }
            return seen
        }
        #expect(try await next { try write(root, "Content/pages/about.md", "---\ntitle: About\n---\nEdited.\n") }.contains("Content/pages/about.md"))
        #expect(try await next { try write(root, "Content/pages/added.md", "---\ntitle: Added\n---\n") }.contains("Content/pages/added.md"))
        let renamed = try await next {
            try FileManager.default.moveItem(at: root.appending(path: "Content/pages/added.md"), to: root.appending(path: "Content/pages/moved.md"))
        }
        #expect(renamed.contains("Content/pages/moved.md"))
        #expect(try await next { try FileManager.default.removeItem(at: root.appending(path: "Content/pages/moved.md")) }
            .contains("Content/pages/moved.md"))
        let folder = try await next { try write(root, "Templates/assets/images/logo.svg", "<svg/>") }
        #expect(folder.contains { $0.hasPrefix("Templates/assets/images") })
        // A file in the new folder is seen too (inotify watches are added for new folders).
        #expect(try await next { try write(root, "Templates/assets/images/logo.svg", "<svg></svg>") }
            .contains("Templates/assets/images/logo.svg"))
    }

    // MARK: - Server

    struct Response {
        let status: Int
        let contentType: String?
        let body: String
        let location: String?
    }

    /// A plain HTTP/1.1 request over TCP, so paths reach the server exactly as written.
    func request(_ port: UInt16, _ path: String) throws -> Response {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw CocoaError(.fileReadUnknown) }
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        _ = request.withCString { send(socket, $0, strlen($0), 0) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        let text = String(decoding: data, as: UTF8.self)
        let parts = text.components(separatedBy: "\r\n\r\n")
        let head = parts[0].components(separatedBy: "\r\n")
        let status = Int(head[0].split(separator: " ")[1]) ?? 0
        func header(_ name: String) -> String? {
            head.dropFirst().first { $0.lowercased().hasPrefix(name.lowercased() + ":") }
                .map { String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) }
        }
        return Response(status: status, contentType: header("Content-Type"), body: parts.dropFirst().joined(separator: "\r\n\r\n"),
            location: header("Location"))
    }

    @Test func pathsThatLeaveTheSiteAreRefused() {
        #expect(PreviewHandler.outputPath(for: "/") == "index.html")
        #expect(PreviewHandler.outputPath(for: "/reports/x/") == "reports/x/index.html")
        #expect(PreviewHandler.outputPath(for: "/assets/site.css?v=1") == "assets/site.css")
        for hostile in ["/../etc/passwd", "/%2e%2e/etc/passwd", "/reports/../../x", "/a/%2E%2E/%2E%2E/etc", "/a\\..\\b", "/a%00b", "/%zz", "relative"] {
            #expect(PreviewHandler.outputPath(for: hostile) == nil, "\(hostile)")
        }
    }

    @Test func serverServesTheSiteWithLiveReloadAndReloadsOnChange() async throws {
        let root = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let port = UInt16.random(in: 20000...40000)
        let site = PreviewSite(fileSystem: DiskFileSystem(root: root), options: BuildOptions(baseURL: "http://127.0.0.1:\(port)/"))
        let server = PreviewServer(site: site, root: root, host: "127.0.0.1", port: port, log: { _ in })
        let running = Task { try await server.run() }
        defer { running.cancel() }
        for _ in 0..<50 where (try? request(port, "/")) == nil { try await Task.sleep(for: .milliseconds(100)) }

        let home = try request(port, "/")
        #expect(home.status == 200)
        #expect(home.contentType == "text/html; charset=utf-8")
        #expect(home.body.contains("<script src=\"/__reportsite/live.js\" defer></script>\n</body>"))
        #expect(try request(port, "/assets/site.css").contentType == "text/css; charset=utf-8")
        #expect(try request(port, "/feed.xml").contentType == "application/atom+xml")
        #expect(try request(port, "/search-index.json").contentType == "application/json")
        let redirect = try request(port, "/reports")
        #expect(redirect.status == 301)
        #expect(redirect.location == "/reports/")
        let missing = try request(port, "/no/such/page/")
        #expect(missing.status == 404)
        #expect(missing.body.contains("Page not found"))
        for hostile in ["/../Content/site.yml", "/%2e%2e/Content/site.yml", "/../../../../etc/passwd", "/..%2fContent%2fsite.yml"] {
            let response = try request(port, hostile)
            #expect(response.status == 404, "\(hostile)")
            #expect(!response.body.contains("base_url"), "\(hostile)")
        }
        #expect(try request(port, "/__reportsite/live.js").body.contains("new WebSocket"))
        // Nothing was written to Output/.
        #expect(!FileManager.default.fileExists(atPath: root.appending(path: "Output").path(percentEncoded: false)))

        var events = await site.events().makeAsyncIterator()
        try write(root, "Content/pages/about.md", "---\ntitle: About us\n---\nNew words.\n")
        let reload = await events.next()
        guard case .reload = reload else { Issue.record("expected a reload, got \(String(describing: reload))"); return }
        let about = try request(port, "/about/")
        #expect(about.body.contains("New words."), "\(about.status) \(about.body.suffix(600))")

        try write(root, "Content/pages/about.md", "---\ntitle: About us\nsumary: typo\n---\n")
        let failed = await events.next()
        guard case let .errors(text) = failed else { Issue.record("expected errors, got \(String(describing: failed))"); return }
        #expect(text.contains("Content/pages/about.md:3:1: error: unknown key 'sumary'"))
        #expect(try request(port, "/__reportsite/status").body.contains("unknown key"))
        #expect(try request(port, "/about/").body.contains("New words."), "the last good build is still served")

        try write(root, "Content/pages/about.md", "---\ntitle: About us\nsummary: fixed\n---\nFixed.\n")
        guard case .reload = await events.next() else { Issue.record("expected a reload after the fix"); return }
        #expect(try request(port, "/__reportsite/status").body == #"{"errors":null}"#)
    }

    @Test func aBodyEditIsShownAtOnceAndTheFullRebuildAgrees() async throws {
        let root = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = PreviewSite(fileSystem: DiskFileSystem(root: root), options: BuildOptions(baseURL: "http://127.0.0.1:8000/"))
        #expect(await site.rebuild().succeeded)
        #expect(await site.generation == 1)
        #expect(await site.rebuild().succeeded)
        #expect(await site.generation == 1, "a rebuild that changes nothing reloads nothing")

        let page = "Content/pages/about.md"
        try write(root, page, try read(root, page).replacing("This is a fixture.", with: "This is an edited fixture."))
        #expect(await site.quickUpdate([page]) == ["about/index.html"])
        #expect(await site.generation == 2)
        let quick = await site.file("about/index.html")
        #expect(quick.map { String(decoding: $0, as: UTF8.self).contains("This is an edited fixture.") } == true)
        #expect(await site.rebuild().succeeded)
        #expect(await site.generation == 2, "the full rebuild drew the same page, so no second reload")
        #expect(await site.file("about/index.html") == quick)

        // A front-matter change can move the document in lists and trackers: only a full build shows it.
        try write(root, page, try read(root, page).replacing("summary: What this site is.", with: "summary: What this is."))
        #expect(await site.quickUpdate([page]) == nil)
        #expect(await site.quickUpdate(["Templates/page.mustache"]) == nil)
        #expect(await site.rebuild().succeeded)
        #expect(await site.generation == 3)
    }

    @Test func onlyLoopbackIsLoopback() {
        #expect(PreviewServer.isLoopback("127.0.0.1"))
        #expect(PreviewServer.isLoopback("localhost"))
        #expect(PreviewServer.isLoopback("::1"))
        #expect(!PreviewServer.isLoopback("0.0.0.0"))
        #expect(!PreviewServer.isLoopback("192.168.1.5"))
    }
}
