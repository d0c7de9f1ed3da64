import A2A
import Foundation
import Wire

/// Follows a task the way an operator expects: stream it, and when the stream ends without a
/// terminal or interrupted state, get the task and resubscribe while it is still active, with
/// backoff. Non-streaming agents are polled. Returns the state the task ended in.
struct TaskFollower {
    let client: AgentClient
    var pollInterval: Double = 1
    var maxReconnects = 20

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

    /// Reads one stream to its end. Returns the last event; a failure before any event is an error.
    private func consume(_ stream: AsyncStream<StreamItem>, fold: (StreamEvent) -> Void) async throws -> StreamEvent? {
        var last: StreamEvent?
        for await item in stream {
            switch item {
            case .events(let events):
                for e in events { fold(e); last = e }
            case .warning(let text):
                StandardError.errorLine("warning: \(text)")
            case .ended(let end):
                if case .failed(let error) = end, last == nil { throw CLIFailure(error.summary) }
                return last
            }
        }
        return last
    }
}
