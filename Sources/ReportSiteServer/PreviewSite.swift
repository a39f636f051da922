import Foundation
import ReportSite

/// The site as the preview serves it: the newest successful build, in
/// memory, with live reload added to its pages; and the problems of the
/// newest build when it failed. Rebuilds reuse unchanged documents.
public actor PreviewSite {
    public enum Event: Sendable, Equatable {
        /// A build succeeded: reload.
        case reload(generation: Int)
        /// A build failed: show these problems.
        case errors(String)

        var json: String {
            switch self {
            case let .reload(generation): #"{"type":"reload","generation":\#(generation)}"#
            case let .errors(text):
                #"{"type":"errors","text":"# + Text.jsonQuoted(text) + "}"
            }
        }
    }

    public let fileSystem: FileSystem
    public let options: BuildOptions
    private(set) var files: [String: Data] = [:]
    public private(set) var generation = 0
    /// Formatted problems of the newest build, when it failed.
    public private(set) var problems: String?
    private var listeners: [UUID: AsyncStream<Event>.Continuation] = [:]

    public init(fileSystem: FileSystem, options: BuildOptions) {
        self.fileSystem = fileSystem
        var options = options
        if options.cache == nil { options.cache = DecodeCache() }
        self.options = options
    }

    /// Builds the site again and tells every open page.
    @discardableResult
    public func rebuild() -> BuildResult {
        let result = SiteBuilder.build(fileSystem, options: options)
        if result.succeeded {
            var files: [String: Data] = [:]
            for file in result.files {
                files[file.path] = file.path.hasSuffix(".html") ? LiveReload.inject(file.data) : file.data
            }
            self.files = files
            problems = nil
            generation += 1
            broadcast(.reload(generation: generation))
        } else {
            problems = result.formattedDiagnostics()
            broadcast(.errors(problems!))
        }
        return result
    }

    /// A stream of build events for one open page.
    public func events() -> AsyncStream<Event> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Event>.makeStream()
        listeners[id] = continuation
        continuation.onTermination = { _ in Task { await self.removeListener(id) } }
        return stream
    }

    private func removeListener(_ id: UUID) {
        listeners[id] = nil
    }

    private func broadcast(_ event: Event) {
        for listener in listeners.values { listener.yield(event) }
    }

    /// The bytes at an output path, if the newest build has them.
    public func file(_ path: String) -> Data? {
        files[path]
    }

    public var hasBuilt: Bool { generation > 0 }
}

