import A2A
import Foundation

/// What of a ListTasks answer `update` will use, known before it is applied: discovery re-lists
/// every running task every poll, and a task already followed by a stream is skipped whole
/// (`handleListResult`), so a journal need not keep its history and artifacts again and again.
extension DeckState {
    /// The ids of the listed tasks `update` would skip whole if `msg` were applied now: tasks
    /// already known and followed by a stream. Empty for any other message.
    public func listedTasksSkipped(by msg: Msg) -> Set<String> {
        guard case .result(let tag, .success(.taskPage(let page))) = msg,
              let pending = requests[tag], case .list(let agent) = pending.purpose
        else { return [] }
        var skipped: Set<String> = []
        for (t, key) in Self.listedTasks(page, on: agent) where listSkips(key) { skipped.insert(t.id) }
        return skipped
    }

    /// `msg` with the listed tasks in `skipped` cut down to what `update` reads of a skipped task
    /// (its id and its state): applied to the same state it has the same effect as `msg`.
    public static func listResult(_ msg: Msg, reducing skipped: Set<String>) -> Msg {
        guard !skipped.isEmpty, case .result(let tag, .success(.taskPage(var page))) = msg else { return msg }
        for i in page.tasks.indices where skipped.contains(page.tasks[i].id) {
            let t = page.tasks[i]
            page.tasks[i] = A2ATask(id: t.id, contextID: t.contextID, status: TaskStatus(state: t.status.state))
        }
        return .result(tag, .success(.taskPage(page)))
    }
}
