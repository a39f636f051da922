import Foundation

extension QuickBuild {
    /// The search index with the edited documents' parts written again
    /// (see `SearchIndex.Patch`), made from the last index's layout and the
    /// words of each document before (from its old decode-cache entry) and
    /// after, without the search-word journal: reading its 13 MB would cost
    /// more than the rest of a quick build. The layout is read and kept
    /// through a `SearchWordCache` that holds nothing else.
    struct SearchPatch {
        let patched: SearchIndex.Patched
        private let cache: SearchWordCache

        init?(_ edits: [Edit], graph: SiteGraph, state: State, root: URL, output: URL, previous: PreviousOutput) {
            cache = SearchWordCache(layout: BuildStamp.companion(.searchLayout, root: root, output: output), generator: state.generator)
            guard let last = cache.lastLayout() else { return nil }
            var slots = last.documents
            var changes: [SearchIndex.Patch.Change] = []
            for edit in Self.indexed(edits, graph: graph) {
                let before = SearchIndex.Texts(edit.old, graph: graph)
                let after = SearchIndex.Texts(edit.document, graph: graph)
                // Its place in the index: the slot made from its old inputs,
                // which must hold the words of its old texts.
                guard let inputs = SearchIndex.inputsKey(site: state.keys.site, document: edit.old),
                    let position = last.documents.firstIndex(where: { $0.inputs == inputs }),
                    last.documents[position].wordsKey == before.wordsKey,
                    last.documents[position].key == before.key(wordsKey: before.wordsKey),
                    let newInputs = SearchIndex.inputsKey(site: state.keys.site, document: edit.document)
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

        /// The edits that have a part in the index (listed documents): if
        /// there are none, the index stays as it is.
        static func indexed(_ edits: [Edit], graph: SiteGraph) -> [Edit] {
            let listed = Set(graph.publications.map(\.path))
            return edits.filter { listed.contains($0.document.path) }
        }

        /// Stores the new index in `sink`, written from the runs of the old
        /// one without holding it whole.
        func stored(in sink: StagingSink) -> OutputFile {
            var file = OutputFile(path: SearchIndex.path, data: Data())
            file.sha256 = patched.layout.digest
            file.byteCount = patched.layout.length
            return sink.store(file) { try patched.write(to: $0) }
        }

        /// Keeps the new layout, once the index is published, for the next
        /// build to patch it in turn.
        func keepLayout() {
            cache.keep(patched.layout)
            cache.saveLayout()
        }
    }
}
