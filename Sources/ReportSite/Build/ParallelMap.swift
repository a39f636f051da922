import Foundation

/// Maps over an array on all cores, keeping the input order.
///
/// Items are handed out in runs of neighbours rather than one by one: a
/// document's pages sit side by side, and when two threads wrote one
/// document's pages the kernel made each wait on the other's folder (making
/// `history/` locks the folder another thread is writing `index.html` in).
/// Runs also take the result lock once per run instead of once per item.
enum ParallelMap {
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(transform) }
        let results = ResultSlots<R>(count: items.count)
        // Enough runs per core that one slow run does not leave a core idle at the end.
        let run = max(1, min(64, items.count / (ProcessInfo.processInfo.activeProcessorCount * 16)))
        DispatchQueue.concurrentPerform(iterations: (items.count + run - 1) / run) { index in
            let range = index * run..<min(items.count, (index + 1) * run)
            results.set(range, range.map { transform(items[$0]) })
        }
        return results.values
    }
}

/// Write-once slots filled from many threads.
private final class ResultSlots<R>: @unchecked Sendable {
    private var slots: [R?]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ range: Range<Int>, _ values: [R]) {
        lock.withLock {
            for (index, value) in zip(range, values) { slots[index] = value }
        }
    }

    var values: [R] {
        lock.withLock { slots.map { $0! } }
    }
}
