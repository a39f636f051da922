import FlyingFox
import Foundation
import ReportSite

/// Answers the preview's requests: the built site's files from memory (so
/// nothing outside the site can ever be served), the live-reload socket and
/// script, and the status of the newest build.
struct PreviewHandler: HTTPHandler {
    let site: PreviewSite

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        // The path as sent (FlyingFox's `path` is standardised, which drops a
        // trailing slash; ours decides between a page and a redirect).
        let requestPath = request.target.path()
        switch request.path {
        case LiveReload.socketPath:
            return try await WebSocketHTTPHandler(handler: MessageFrameWSHandler(handler: ReloadMessages(site: site)))
                .handleRequest(request)
        case LiveReload.scriptPath:
            return HTTPResponse(statusCode: .ok, headers: headers("text/javascript; charset=utf-8"), body: Data(LiveReload.script.utf8))
        case LiveReload.statusPath:
            let problems = await site.problems
            let body = problems.map { #"{"errors":"# + Text.jsonQuoted($0) + "}" } ?? #"{"errors":null}"#
            return HTTPResponse(statusCode: .ok, headers: headers("application/json"), body: Data(body.utf8))
        default:
            break
        }
        guard request.method == .GET || request.method == .HEAD else {
            return HTTPResponse(statusCode: .methodNotAllowed, headers: headers("text/plain; charset=utf-8"), body: Data("Only GET and HEAD.\n".utf8))
        }
        switch await PreviewHandler.resolve(requestPath, in: site) {
        case let .file(path, data):
            return HTTPResponse(statusCode: .ok, headers: headers(ContentType.of(path)), body: request.method == .HEAD ? Data() : data)
        case let .redirect(location):
            var response = HTTPResponse(statusCode: .movedPermanently, headers: headers("text/plain; charset=utf-8"), body: Data())
            response.headers[.location] = location
            return response
        case .notFound:
            if let page = await site.file("404.html") {
                return HTTPResponse(statusCode: .notFound, headers: headers("text/html; charset=utf-8"), body: page)
            }
            let problems = await site.problems
            let text = problems.map { "The site could not be built:\n\n\($0)\n" } ?? "Not found.\n"
            return HTTPResponse(statusCode: problems == nil ? .notFound : .serviceUnavailable,
                headers: headers("text/plain; charset=utf-8"), body: Data(text.utf8))
        }
    }

    private func headers(_ contentType: String) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers[.contentType] = contentType
        headers[HTTPHeader("Cache-Control")] = "no-store"
        headers[HTTPHeader("X-Content-Type-Options")] = "nosniff"
        return headers
    }

    enum Resolution: Equatable {
        case file(String, Data)
        case redirect(String)
        case notFound
    }

    /// The output file for a request path, or why there is none. Paths with
    /// `..`, `.`, backslashes, NUL or undecodable escapes are refused outright.
    static func resolve(_ requestPath: String, in site: PreviewSite) async -> Resolution {
        guard let path = outputPath(for: requestPath) else { return .notFound }
        if let data = await site.file(path) { return .file(path, data) }
        if !requestPath.hasSuffix("/"), await site.file(path + "/index.html") != nil {
            return .redirect(requestPath + "/")
        }
        return .notFound
    }

    /// `/reports/x/` → `reports/x/index.html`; nil for anything that tries to leave the site.
    static func outputPath(for requestPath: String) -> String? {
        let raw = requestPath.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        guard let decoded = raw.removingPercentEncoding, decoded.hasPrefix("/") else { return nil }
        guard !decoded.contains("\\"), !decoded.contains("\u{0}") else { return nil }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        guard !segments.contains(where: { $0 == ".." || $0 == "." }) else { return nil }
        let path = segments.joined(separator: "/")
        if path.isEmpty || path.hasSuffix("/") { return path + "index.html" }
        return path
    }
}

/// Sends each build event to one open page as a WebSocket text message.
struct ReloadMessages: WSMessageHandler {
    let site: PreviewSite

    func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
        let events = await site.events()
        return AsyncStream { continuation in
            let task = Task {
                for await event in events { continuation.yield(.text(event.json)) }
                continuation.finish()
            }
            let reader = Task {
                for await _ in client {}  // the page sends nothing; end when it goes
                task.cancel()
                continuation.finish()
            }
            continuation.onTermination = { _ in
                task.cancel()
                reader.cancel()
            }
        }
    }
}

/// Content types by file extension.
enum ContentType {
    static func of(_ path: String) -> String {
        switch path.split(separator: ".").last.map({ $0.lowercased() }) ?? "" {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "xml": path.hasSuffix("feed.xml") ? "application/atom+xml" : "application/xml"
        case "svg": "image/svg+xml"
        case "csv": "text/csv; charset=utf-8"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "ico": "image/x-icon"
        case "txt", "conf": "text/plain; charset=utf-8"
        case "pdf": "application/pdf"
        default: "application/octet-stream"
        }
    }
}
