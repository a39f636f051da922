import Foundation

extension QuickBuild {
    /// What a quick build needs of the last build besides its stamp: the
    /// keys every page was made with, and what the rest of the site gives a
    /// document's own pages (the status updates later documents made to its
    /// recommendations and actions). All of it is made from site.yml, the
    /// templates, the generator and every document's face, so it holds for
    /// as long as none of those changes, which a quick build checks first.
    ///
    /// Kept beside the stamp (`.reportsite-cache/quick-….bin`): a header
    /// naming the stamp it belongs to (by its content key) and the settings,
    /// then the rest in `CacheCoder`'s form.
    public struct State: Sendable, Codable, Equatable {
        /// `BuildStamp.contentKey` of the build this state is from (kept in
        /// the header only, so a state is saved for another stamp as it is).
        public var contentKey: String = ""
        /// The generator, output folder and options (see `settings`).
        public var settings: String
        /// SHA-256 of the generator's executable (hashing 30 MB is not quick).
        public var generator: String
        /// `SiteBuilder`'s salt: the generator and the templates.
        public var salt: String
        /// `PageInputs.keys`.
        public var keys: PageInputs.Keys
        /// Every status update, by the item it updates, coded apart (and
        /// kept after the rest in the file): only a response or a meeting
        /// needs them (see `updates`), and the benchmark site has thousands.
        private var codedUpdates = Data()
        /// Files the last build reported a problem in, sorted.
        public var reported: [String]
        public var warningCount: Int
        /// What the paths of the stamp's report start with (see
        /// `BuildResult.formattedDiagnostics`): the report is repeated only
        /// where the same paths lead to the files.
        public var reportPrefix: String
        /// The coded fields as `load` read them: saved again as they are,
        /// under another content key, when nothing else changed.
        private var coded: Data?

        private enum CodingKeys: String, CodingKey {
            case settings, generator, salt, keys, reported, warningCount, reportPrefix
        }

        public init(
            contentKey: String, settings: String, generator: String, salt: String, keys: PageInputs.Keys, updates: Trackers.Updates,
            reported: [String], warningCount: Int, reportPrefix: String
        ) {
            self.contentKey = contentKey
            self.settings = settings
            self.generator = generator
            self.salt = salt
            self.keys = keys
            codedUpdates = (try? CacheCoder.encode(updates)) ?? Data()
            self.reported = reported
            self.warningCount = warningCount
            self.reportPrefix = reportPrefix
        }

        /// Every status update; nil if they do not read back.
        var updates: Trackers.Updates? {
            try? CacheCoder.decode(Trackers.Updates.self, from: codedUpdates)
        }

        /// The key of what, besides the inputs, a build's output depends on:
        /// the generator (by its file's size and time), the output folder and the options.
        public static func settings(generatorIdentity: String, output: URL, options: BuildOptions) -> String {
            BuildStamp.key(files: [], options: options, generator: generatorIdentity, output: output)
        }

        private static let magic = "reportsite quick state 3"

        static func url(root: URL, output: URL) -> URL {
            BuildStamp.companion(.quickState, root: root, output: output)
        }

        /// Writes the state of the build just made into `output`; a state
        /// that cannot be written only costs the next build its quick path.
        /// The file: the header lines, the length of the coded fields, the
        /// fields, then the status updates.
        public func save(root: URL, output: URL) {
            let url = Self.url(root: root, output: output)
            guard let body = coded ?? (try? CacheCoder.encode(self)), !codedUpdates.isEmpty else {
                try? FileManager.default.removeItem(at: url)
                return
            }
            let data = Data("\(Self.magic)\n\(settings)\n\(contentKey)\n\(body.count)\n".utf8) + body + codedUpdates
            if (try? PlainFile.write(data, to: url.path(percentEncoded: false))) == nil {
                try? FileManager.default.removeItem(at: url)
            }
        }

        /// The state of the last build into `output`, if it belongs to the
        /// stamp whose content key is `contentKey` and was made with `settings`.
        public static func load(root: URL, output: URL, contentKey: String, settings: String) -> State? {
            guard let data = try? Data(contentsOf: url(root: root, output: output)) else { return nil }
            let header = Data("\(magic)\n\(settings)\n\(contentKey)\n".utf8)
            guard data.starts(with: header), let newline = data[header.count...].firstIndex(of: UInt8(ascii: "\n")),
                let length = Int(String(decoding: data[header.count..<newline], as: UTF8.self)), length >= 0,
                newline + 1 + length < data.endIndex
            else { return nil }
            let body = Data(data[(newline + 1)..<(newline + 1 + length)])
            guard var state = try? CacheCoder.decode(State.self, from: body), state.settings == settings else { return nil }
            state.contentKey = contentKey
            state.coded = body
            state.codedUpdates = Data(data[(newline + 1 + length)...])
            return state
        }

        /// The same state, for the stamp whose content key is `contentKey`.
        func save(root: URL, output: URL, contentKey: String) {
            var next = self
            next.contentKey = contentKey
            next.save(root: root, output: output)
        }

        /// Forgets the state of `output` (the stamp it belongs to is going).
        public static func forget(root: URL, output: URL) {
            try? FileManager.default.removeItem(at: url(root: root, output: output))
        }
    }
}
