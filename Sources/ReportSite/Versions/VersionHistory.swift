/// Joins each document with its frozen versions and checks that the history
/// adds up: versions numbered 1…k, one change note for each.
enum VersionHistory {
    static func attach(
        _ frozen: [(job: DocumentJob, document: Document)], to documents: inout [Document], lock: IntegrityLock,
        failed: Set<String>, into diagnostics: inout DiagnosticBag
    ) {
        let byDocument = Dictionary(grouping: frozen) { $0.job.currentPath }
        for (currentPath, versions) in byDocument.sorted(by: { $0.key < $1.key }) {
            let versions = versions.sorted { $0.job.version! < $1.job.version! }
            guard let index = documents.firstIndex(where: { $0.path == currentPath }) else {
                let job = versions[0].job
                if !failed.contains(job.kind.sitePath(slug: job.slug)) {
                    diagnostics.error(job.path, SourcePosition(line: 1, column: 1),
                        "this is a version of \(currentPath), which does not exist",
                        note: "a document's versions stay beside it; to move a document, rename it and add 'moved_from'")
                }
                continue
            }
            var document = documents[index]
            guard let metadata = document.metadata else {
                diagnostics.error(versions[0].job.path, SourcePosition(line: 1, column: 1), "plain pages do not keep versions")
                continue
            }
            for (expected, version) in zip(1..., versions) where version.job.version != expected {
                diagnostics.error(version.job.path, SourcePosition(line: 1, column: 1),
                    "version \(version.job.version!) follows version \(expected - 1): v\(expected).md is missing",
                    note: "versions are numbered from 1 without gaps; restore the missing file")
                break
            }
            if metadata.changes.count != versions.count {
                diagnostics.error(document.path, metadata.changesPosition ?? SourcePosition(line: 1, column: 1),
                    "\(metadata.changes.count) change note\(metadata.changes.count == 1 ? "" : "s") but \(versions.count) frozen version\(versions.count == 1 ? "" : "s")",
                    note: "each major change needs a note and a frozen copy of the version it replaced: record it with 'reportsite amend \(document.path) --note \"…\"'")
                continue
            }
            document.versions = zip(versions, metadata.changes).map { version, change in
                FrozenVersion(number: version.job.version!, document: version.document, supersededOn: change.date, note: change.note)
            }
            documents[index] = document
        }
        // A document whose notes promise versions that are not there.
        for document in documents where document.versions.isEmpty {
            guard let metadata = document.metadata, !metadata.changes.isEmpty,
                byDocument[document.path] == nil
            else { continue }
            diagnostics.error(document.path, metadata.changesPosition ?? SourcePosition(line: 1, column: 1),
                "\(metadata.changes.count) change note\(metadata.changes.count == 1 ? "" : "s") but no frozen versions",
                note: "record major changes with 'reportsite amend \(document.path) --note \"…\"', which keeps the version it replaces readable")
        }
    }
}
