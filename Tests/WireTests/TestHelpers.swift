import A2A
import Foundation
import Testing
@testable import Wire

/// What the fixture's /echo endpoint saw.
struct Echo: Decodable {
    let method: String
    let path: String
    let query: [String: String]
    let headers: [String: String]
    let body: String

    init(_ response: HTTPResponse) throws {
        self = try JSONDecoder().decode(Echo.self, from: Data(response.body))
    }
}

/// Records what a stream's callbacks saw (they run on the network thread) and lets a test
/// await the single `onEnd`.
final class StreamRecorder: @unchecked Sendable {
    enum Entry: Equatable {
        case head(Int)
        case item(SSEItem)
        case bytes(Int)
    }

    private let lock = NSLock()
    private var entries: [Entry] = []
    private var threadIDs: Set<UInt> = []
    private var endCount = 0
    private var end: StreamEnd?
    private var waiter: CheckedContinuation<StreamEnd, Never>?

    func record(_ entry: Entry) {
        lock.lock()
        defer { lock.unlock() }
        entries.append(entry)
        threadIDs.insert(UInt(bitPattern: Int(bitPattern: UInt(pthread_self()))))
    }

    func finish(_ streamEnd: StreamEnd) {
        lock.lock()
        endCount += 1
        end = streamEnd
        let waiting = waiter
        waiter = nil
        lock.unlock()
        waiting?.resume(returning: streamEnd)
    }

    func waitForEnd() async -> StreamEnd {
        await withCheckedContinuation { continuation in
            lock.lock()
            if let end {
                lock.unlock()
                continuation.resume(returning: end)
            } else {
                waiter = continuation
                lock.unlock()
            }
        }
    }

    var log: [Entry] {
        lock.lock()
        defer { lock.unlock() }
        return entries
    }

    var events: [SSEEvent] {
        log.compactMap { if case .item(.event(let event)) = $0 { return event } else { return nil } }
    }

    var endings: Int {
        lock.lock()
        defer { lock.unlock() }
        return endCount
    }

    var threads: Set<UInt> {
        lock.lock()
        defer { lock.unlock() }
        return threadIDs
    }

    /// Starts an SSE stream whose callbacks feed this recorder. `stopAfter` events, the
    /// consumer returns false (abort); `onEvent` runs on the network thread for each event.
    @discardableResult
    func startSSE(
        on engine: HTTPEngine, _ request: HTTPRequest, limits: SSELimits = SSELimits(),
        stopAfter: Int? = nil, onEvent: (@Sendable (SSEEvent) -> Void)? = nil
    ) -> RequestID {
        engine.streamSSE(
            request, limits: limits,
            onHead: { [self] head in record(.head(head.status)) },
            onItem: { [self] item in
                record(.item(item))
                if case .event(let event) = item {
                    onEvent?(event)
                    if let stopAfter, events.count >= stopAfter { return false }
                }
                return true
            },
            onEnd: { [self] end in finish(end) })
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
