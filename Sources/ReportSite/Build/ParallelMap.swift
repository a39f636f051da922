import Foundation

/// Maps over an array on all cores, keeping the input order.
///
/// Items are handed out in runs of neighbours rather than one by one: a
/// document's pages sit side by side, and when two threads wrote one
/// document's pages the kernel made each wait on the other's folder (making
/// `history/` locks the folder another thread is writing `index.html` in).
/// Runs also take the result lock once per run instead of once per item.
public enum ParallelMap {
    /// As `map`, but the items `isSlow` picks out are handed out first and
    /// one at a time: a tracker page of 10,000 rows takes as long as hundreds
    /// of document pages, and started last it ends the map on one core while
    /// the others wait. Results still come back in the input order.
    public static func map<T: Sendable, R: Sendable>(
        _ items: [T], slowFirst isSlow: (T) -> Bool, _ transform: @Sendable (T) -> R
    ) -> [R] {
        let slow = items.indices.filter { isSlow(items[$0]) }
        guard !slow.isEmpty else { return map(items, transform) }
        let order = slow + items.indices.filter { !isSlow(items[$0]) }
        let results = map(order.map { items[$0] }, singly: slow.count, transform)
        var slots = [R?](repeating: nil, count: items.count)
        for (position, index) in order.enumerated() { slots[index] = results[position] }
        return slots.map { $0! }
    }

    /// The first `singly` items are handed out one at a time, the rest in runs.
    public static func map<T: Sendable, R: Sendable>(_ items: [T], singly: Int = 0, _ transform: @Sendable (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(transform) }
        let results = ResultSlots<R>(count: items.count)
        let singly = min(max(0, singly), items.count)
        let rest = items.count - singly
        // Enough runs per core that one slow run does not leave a core idle at the end.
        let run = max(1, min(64, rest / (ProcessInfo.processInfo.activeProcessorCount * 16)))
        DispatchQueue.concurrentPerform(iterations: singly + (rest + run - 1) / run) { index in
            let range = index < singly
                ? index..<(index + 1)
                : (singly + (index - singly) * run)..<min(items.count, singly + (index - singly + 1) * run)
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
