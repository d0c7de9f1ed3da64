import Foundation

/// A value guarded by a lock, so non-Sendable state (a `Process`, byte buffers) can live inside
/// a Sendable object. Every access goes through `withLock`.
final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
