import A2A
import Foundation
import Synchronization
import Wire

/// Follows a task the way an operator expects: stream it, and when the stream ends without a
/// terminal or interrupted state, get the task and resubscribe while it is still active, with
/// backoff. Non-streaming agents are polled. Returns the state the task ended in.
struct TaskFollower {
    let client: AgentClient
    var pollInterval: Double = 1
    var maxReconnects = 20
    /// Seconds of stream silence after which we check the task with a get.
    var quietCheck: Double = 5
    /// Stream items waiting to be printed beyond this many end the stream: an agent that sends
    /// faster than we can print must not fill memory (the follower then reconciles with a get).
    var maxQueuedItems = 4096

    func run(send: SendParams, streaming: Bool, onEvent: (StreamEvent) -> Void) async throws -> TaskState {
        var accumulator: TaskAccumulator?
        func fold(_ event: StreamEvent) {
            onEvent(event)
            if accumulator == nil, let id = event.taskID {
                accumulator = TaskAccumulator(taskID: id, contextID: nil)
            }
            accumulator?.apply(event)
        }

        if !streaming {
            let result = try await client.callOrFail(.send(send))
            switch result {
            case .message(let m):
                fold(.message(m))
                return .completed  // a direct answer without a task
            case .task(let t): fold(.task(t))
            case .taskPage: throw CLIFailure("agent answered SendMessage with a task list")
            }
        } else {
            let context = StreamContext(taskID: send.message.taskID, contextID: send.message.contextID)
            let ended = try await consume(client.stream(.stream(send), context: context), fold: fold)
            if case .message? = ended, accumulator == nil { return .completed }
        }

        guard var known = accumulator else { throw CLIFailure("agent ended the stream without saying anything") }
        var backoff = Backoff(initial: 0.25, maximum: 5)
        var reconnects = 0
        while known.task.status.state.isActive || known.task.status.state.stateClass == .unknown {
            // Reconcile: what does the agent say now?
            let now = try await client.callOrFail(.get(taskID: known.task.id, historyLength: 0)).task(or: "GetTask")
            fold(.task(now))
            known = accumulator ?? known
            guard known.task.status.state.isActive else { break }
            reconnects += 1
            if reconnects > maxReconnects { throw CLIFailure("gave up following task \(known.task.id) after \(maxReconnects) reconnects") }
            if streaming {
                try await Task.sleep(for: .seconds(backoff.nextDelay()))
                let context = StreamContext(taskID: known.task.id, contextID: known.task.contextID)
                _ = try await consume(client.stream(.subscribe(taskID: known.task.id), context: context), fold: fold)
            } else {
                try await Task.sleep(for: .seconds(pollInterval))
            }
            known = accumulator ?? known
        }
        return known.task.status.state
    }

    /// Reads one stream to its end. Some servers leave a stream open after the task ended
    /// (a2a-sdk 0.3.26 after a cancel: no `canceled` event, only keep-alives), so while the stream
    /// is quiet we ask the agent now and then, and end the stream ourselves when the task is done.
    /// Returns the last event; a failure before any event is an error.
    private func consume(_ stream: AsyncStream<StreamItem>, fold: (StreamEvent) -> Void) async throws -> StreamEvent? {
        // Room for the queue bound plus the one `.ended` that reports an overrun.
        let (merged, sink) = AsyncStream<StreamItem>.makeStream(bufferingPolicy: .bufferingOldest(maxQueuedItems + 1))
        let quiet = QuietStream()
        let pump = Task { [maxQueuedItems] in
            for await item in stream {
                if case .enqueued(let remaining) = sink.yield(item), remaining <= 1 {
                    // Leaving the loop cancels the agent's stream (its onTermination).
                    sink.yield(.ended(.failed(.transport(
                        "stream dropped: the agent sent more than \(maxQueuedItems) events faster than they could be shown"))))
                    break
                }
            }
            sink.finish()
        }
        let watchdog = Task { [client, quietCheck] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(quietCheck))
                guard quiet.silentFor >= quietCheck, let id = quiet.taskID else { continue }
                if case .success(.task(let task)) = await client.call(.get(taskID: id, historyLength: 0)),
                   task.status.state.isTerminal || task.status.state.isInterrupted {
                    sink.yield(.events([.task(task)]))
                    sink.yield(.ended(.closed))
                    sink.finish()
                    return
                }
            }
        }
        defer {
            pump.cancel()
            watchdog.cancel()
        }
        var last: StreamEvent?
        for await item in merged {
            switch item {
            case .events(let events):
                for e in events {
                    fold(e)
                    last = e
                    quiet.heard(taskID: e.taskID)
                }
            case .warning(let text):
                StandardError.errorLine("warning: \(text)")
            case .ended(let end):
                if case .failed(let error) = end {
                    if last == nil { throw CLIFailure(error.summary) }
                    // The follower goes on (get, resubscribe): say why the stream ended.
                    StandardError.errorLine("warning: \(error.summary)")
                }
                return last
            }
        }
        return last
    }
}

/// When the stream last said something, and about which task (shared with the watchdog task).
private final class QuietStream: Sendable {
    private let state = Mutex<(at: Date, taskID: String?)>((Date(), nil))

    func heard(taskID: String?) {
        state.withLock { s in
            s.at = Date()
            if let taskID, !taskID.isEmpty { s.taskID = taskID }
        }
    }

    var silentFor: Double { state.withLock { Date().timeIntervalSince($0.at) } }
    var taskID: String? { state.withLock { $0.taskID } }
}
