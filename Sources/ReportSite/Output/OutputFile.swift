import Foundation

/// A file of the built site: its path under Output/ and its bytes, or, when
/// an earlier build already wrote exactly these bytes, where they are.
public struct OutputFile: Sendable {
    public var path: String
    /// The bytes; empty when the file is reused from a previous build on disk.
    public var data: Data
    /// The template that rendered it (nil for copied assets and data files).
    public var template: String?
    /// What the page was rendered from (see `PageFingerprint`); nil for other files.
    public var fingerprint: String?
    /// The same in whole documents (see `PageInputs`), when it could be made.
    public var inputsKey: String?
    /// SHA-256 of the bytes, once known (the manifest step fills it in).
    public var sha256: String?
    /// The path of the previous build's copy of this file, when it is reused
    /// unread. (Paths, not URLs: a build handles 30,000 of them, and making
    /// a `URL` of each cost more than the stat that checks the file.)
    public var reusedFrom: String?
    /// Where the bytes went when they were streamed to the staging folder.
    public var storedAt: String?
    public var byteCount: Int

    public init(path: String, data: Data, template: String? = nil, fingerprint: String? = nil) {
        self.path = path
        self.data = data
        self.template = template
        self.fingerprint = fingerprint
        byteCount = data.count
    }

    /// A file the previous build wrote at `file` with these bytes.
    init(path: String, reusing file: String, template: String?, fingerprint: String?, sha256: String, byteCount: Int) {
        self.path = path
        data = Data()
        self.template = template
        self.fingerprint = fingerprint
        self.sha256 = sha256
        reusedFrom = file
        self.byteCount = byteCount
    }

    /// The bytes, read back from disk when they are not held.
    public func contents() -> Data {
        guard let file = storedAt ?? reusedFrom else { return data }
        return FileManager.default.contents(atPath: file) ?? Data()
    }
}
