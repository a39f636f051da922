import Foundation

/// A file of the built site: its path under Output/ and its bytes, or, when
/// an earlier build already wrote exactly these bytes, where they are.
public struct OutputFile: Sendable {
    /// What a file holds, behind one reference: a build passes its 30,000
    /// files through the sink, the link check, the manifest and the stamp,
    /// and each copy of eight references cost eight retains and releases.
    struct Fields: Sendable {
        var path: String
        var data: Data
        var template: String?
        var fingerprint: String?
        var inputsKey: String?
        var sha256: String?
        var reusedFrom: String?
        var storedAt: String?
        var byteCount: Int
    }

    @Boxed var fields: Fields

    public var path: String {
        get { fields.path }
        set { fields.path = newValue }
    }
    /// The bytes; empty when the file is reused from a previous build on disk.
    public var data: Data {
        get { fields.data }
        set { fields.data = newValue }
    }
    /// The template that rendered it (nil for copied assets and data files).
    public var template: String? {
        get { fields.template }
        set { fields.template = newValue }
    }
    /// What the page was rendered from (see `PageFingerprint`); nil for other files.
    public var fingerprint: String? {
        get { fields.fingerprint }
        set { fields.fingerprint = newValue }
    }
    /// The same in whole documents (see `PageInputs`), when it could be made.
    public var inputsKey: String? {
        get { fields.inputsKey }
        set { fields.inputsKey = newValue }
    }
    /// SHA-256 of the bytes, once known (the manifest step fills it in).
    public var sha256: String? {
        get { fields.sha256 }
        set { fields.sha256 = newValue }
    }
    /// The path of the previous build's copy of this file, when it is reused
    /// unread. (Paths, not URLs: a build handles 30,000 of them, and making
    /// a `URL` of each cost more than the stat that checks the file.)
    public var reusedFrom: String? {
        get { fields.reusedFrom }
        set { fields.reusedFrom = newValue }
    }
    /// Where the bytes went when they were streamed to the staging folder.
    public var storedAt: String? {
        get { fields.storedAt }
        set { fields.storedAt = newValue }
    }
    public var byteCount: Int {
        get { fields.byteCount }
        set { fields.byteCount = newValue }
    }

    public init(path: String, data: Data, template: String? = nil, fingerprint: String? = nil) {
        fields = Fields(path: path, data: data, template: template, fingerprint: fingerprint, byteCount: data.count)
    }

    /// A file the previous build wrote at `file` with these bytes.
    init(path: String, reusing file: String, template: String?, fingerprint: String?, sha256: String, byteCount: Int) {
        fields = Fields(
            path: path, data: Data(), template: template, fingerprint: fingerprint, sha256: sha256, reusedFrom: file,
            byteCount: byteCount)
    }

    /// The bytes, read back from disk when they are not held.
    public func contents() -> Data {
        guard let file = storedAt ?? reusedFrom else { return data }
        return FileManager.default.contents(atPath: file) ?? Data()
    }
}
