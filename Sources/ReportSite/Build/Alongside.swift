import Foundation

/// Work started on another thread and collected later: a step of the recipe
/// that no other step reads from runs beside them instead of after them.
///
/// After one document changes, most steps of a large site's build are short
/// loops on one core (the pages to reuse, the feed, the link check), and the
/// second core sat idle while the search index, the longest of them, waited
/// its turn.
public final class Alongside<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once on the worker before `done` is signalled; read after waiting.
    private var result: Value?

    public init(_ work: @escaping @Sendable () -> Value) {
        Thread.detachNewThread { [self] in
            result = work()
            done.signal()
        }
    }

    /// The work's result, waiting for it if it has not finished.
    public var value: Value {
        done.wait()
        done.signal()  // a second read does not wait forever
        return result!
    }
}
