import Foundation
import Testing

@testable import ReportSite

/// The build's one way of using every core: whatever order the work is done
/// in, results come back in the order of the input, each item once.
@Suite struct ParallelMapTests {
    final class Starts: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [Int] = []
        var order: [Int] { lock.withLock { items } }
        func record(_ item: Int) { lock.withLock { items.append(item) } }
    }

    @Test func resultsComeBackInInputOrderWhateverTheRunsAndSingles() {
        for count in [0, 1, 2, 31, 1000, 5003] {
            let items = Array(0..<count)
            for singly in [0, 1, 7, count] {
                #expect(ParallelMap.map(items, singly: singly) { $0 * 3 } == items.map { $0 * 3 }, "\(count) items, \(singly) singly")
            }
        }
    }

    /// Slow items are started before every other item, and still come back
    /// in their place.
    @Test func slowItemsStartFirstAndKeepTheirPlace() {
        let items = Array(0..<3000)
        let slow = Set(stride(from: 17, to: 3000, by: 75))
        let starts = Starts()
        let results = ParallelMap.map(items, slowFirst: { slow.contains($0) }) { item -> String in
            starts.record(item)
            return "item \(item)"
        }
        #expect(results == items.map { "item \($0)" })
        #expect(starts.order.sorted() == items)
        // Work is handed out in order, so a fast item is only taken once
        // every slow one has been; the other cores may still be starting
        // theirs, but no more than one each.
        let firstFast = starts.order.firstIndex { !slow.contains($0) } ?? 0
        #expect(firstFast >= slow.count - (ProcessInfo.processInfo.activeProcessorCount - 1))
    }
}
