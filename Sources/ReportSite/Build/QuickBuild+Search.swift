import Foundation

extension QuickBuild {
    /// The search index with the edited documents' parts written again
    /// (see `SearchIndex.Patch`), made from the last index's layout and the
    /// words of each document before (from its old decode-cache entry) and
    /// after, without the search-word cache: reading its 13 MB would cost
    /// more than the rest of a quick build.
    struct SearchPatch {
        init?(_ edits: [Edit], graph: SiteGraph, state: State, root: URL, output: URL, previous: PreviousOutput) {
            let listed = Set(graph.publications.map(\.path))
            guard let last = SearchIndex.Layout.read(Self.layoutPath(root, output), generator: state.generator) else { return nil }
            var slots = last.documents
            var changes: [SearchIndex.Patch.Change] = []
            for edit in edits where listed.contains(edit.document.path) {
                let before = SearchIndex.Texts(edit.old, graph: graph)
                let after = SearchIndex.Texts(edit.document, graph: graph)
                // Its place in the index: the slot made from its old inputs,
                // which must hold the words of its old texts.
                guard let inputs = SearchIndex.inputsKey(site: state.siteKey, document: edit.old),
                    let position = last.documents.firstIndex(where: { $0.inputs == inputs }),
                    last.documents[position].wordsKey == before.wordsKey,
                    last.documents[position].key == before.key(wordsKey: before.wordsKey),
                    let newInputs = SearchIndex.inputsKey(site: state.siteKey, document: edit.document)
                else { return nil }
                let wordsKey = after.wordsKey
                let old = before.words(), new = after.words()
                changes.append(.init(
                    position: position, doc: after.doc, before: .init(title: old.title, text: old.text),
                    after: .init(title: new.title, text: new.text)))
                slots[position] = .init(wordsKey: wordsKey, key: after.key(wordsKey: wordsKey), inputs: newInputs, end: 0)
            }
            guard let patched = SearchIndex.Patch(changes: changes, slots: slots, layout: last, previous: previous)?.apply() else {
                return nil
            }
            self.patched = patched
        }

        let patched: SearchIndex.Patched

        /// Stores the new index in `sink`, written from the runs of the old
        /// one without holding it whole; with its layout.
        func stored(in sink: StagingSink) -> (OutputFile, SearchIndex.Layout) {
            var file = OutputFile(path: SearchIndex.path, data: Data())
            file.sha256 = patched.layout.digest
            file.byteCount = patched.layout.length
            return (sink.store(file) { try patched.write(to: $0) }, patched.layout)
        }

        static func layoutPath(_ root: URL, _ output: URL) -> String {
            SearchWordCache.layoutFile(root: root, output: output).path(percentEncoded: false)
        }

        /// Whether any of `edits` has a part in the index (a listed
        /// document): if none has, the index stays as it is.
        static func touches(_ edits: [Edit], graph: SiteGraph) -> Bool {
            let listed = Set(graph.publications.map(\.path))
            return edits.contains { listed.contains($0.document.path) }
        }

        /// Keeps the new layout, for the next build to patch this index in turn.
        static func keep(_ layout: SearchIndex.Layout, root: URL, output: URL, generator: String) {
            let path = layoutPath(root, output)
            guard let bytes = layout.encoded(generator: generator), (try? PlainFile.write(Data(bytes), to: path)) != nil else {
                try? FileManager.default.removeItem(atPath: path)
                return
            }
        }
    }
}
