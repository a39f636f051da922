import Foundation

/// A readable difference between two versions of a document's text.
///
/// Paragraphs are compared as lines (a Markdown paragraph is usually one
/// line); a paragraph that was changed rather than replaced is compared word
/// by word, so a corrected figure shows as that figure, not a whole paragraph.
public struct TextDiff: Sendable {
    public enum Part: Sendable, Hashable {
        case same(String)
        case removed(String)
        case added(String)
    }

    public enum Line: Sendable, Hashable {
        case removed(String)
        case added(String)
        /// A paragraph edited in place, as word-level parts.
        case changed([Part])
        /// Unchanged paragraphs skipped between changes.
        case skipped(Int)
    }

    public var lines: [Line]

    public var isEmpty: Bool { lines.allSatisfy { if case .skipped = $0 { true } else { false } } }

    public init(from old: String, to new: String) {
        let oldLines = TextDiff.paragraphs(old), newLines = TextDiff.paragraphs(new)
        var lines: [Line] = []
        var pendingRemoved: [String] = []
        var pendingAdded: [String] = []
        var unchanged = 0

        func flush() {
            // Pair removed and added paragraphs that are edits of each other.
            var added = pendingAdded[...]
            for removed in pendingRemoved {
                if let next = added.first, TextDiff.similar(removed, next) {
                    lines.append(.changed(TextDiff.words(from: removed, to: next)))
                    added = added.dropFirst()
                } else {
                    lines.append(.removed(removed))
                }
            }
            lines += added.map { .added($0) }
            pendingRemoved = []
            pendingAdded = []
        }

        for step in TextDiff.align(oldLines, newLines) {
            switch step {
            case .same:
                flush()
                unchanged += 1
            case let .removed(line):
                if unchanged > 0 { lines.append(.skipped(unchanged)); unchanged = 0 }
                pendingRemoved.append(line)
            case let .added(line):
                if unchanged > 0 { lines.append(.skipped(unchanged)); unchanged = 0 }
                pendingAdded.append(line)
            }
        }
        flush()
        if unchanged > 0, !lines.isEmpty { lines.append(.skipped(unchanged)) }
        self.lines = lines
    }

    /// Non-empty lines, trimmed.
    static func paragraphs(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The edit script from `old` to `new`, in order.
    static func align(_ old: [String], _ new: [String]) -> [Part] {
        let difference = new.difference(from: old)
        var removedAt: Set<Int> = [], insertedAt: Set<Int> = []
        for change in difference {
            switch change {
            case let .remove(offset, _, _): removedAt.insert(offset)
            case let .insert(offset, _, _): insertedAt.insert(offset)
            }
        }
        var parts: [Part] = []
        var i = 0, j = 0
        while i < old.count || j < new.count {
            if i < old.count, removedAt.contains(i) {
                parts.append(.removed(old[i])); i += 1
            } else if j < new.count, insertedAt.contains(j) {
                parts.append(.added(new[j])); j += 1
            } else {
                if j < new.count { parts.append(.same(new[j])) }
                i += 1; j += 1
            }
        }
        return parts
    }

    /// Whether two paragraphs share most of their words (an edit, not a rewrite).
    static func similar(_ a: String, _ b: String) -> Bool {
        let wa = a.split(separator: " "), wb = b.split(separator: " ")
        let common = wb.difference(from: wa).count
        return Double(common) <= Double(max(wa.count, wb.count))
    }

    /// Word-level parts turning `old` into `new`, adjacent runs merged.
    static func words(from old: String, to new: String) -> [Part] {
        let ow = old.split(separator: " ").map(String.init), nw = new.split(separator: " ").map(String.init)
        var parts: [Part] = []
        for part in align(ow, nw) {
            switch (parts.last, part) {
            case let (.same(a)?, .same(b)): parts[parts.count - 1] = .same(a + " " + b)
            case let (.removed(a)?, .removed(b)): parts[parts.count - 1] = .removed(a + " " + b)
            case let (.added(a)?, .added(b)): parts[parts.count - 1] = .added(a + " " + b)
            default: parts.append(part)
            }
        }
        return parts
    }
}
