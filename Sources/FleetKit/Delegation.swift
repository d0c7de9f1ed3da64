import Foundation

/// Peers delegating to each other: now and then one agent hands another a task, so a
/// read-only console (ListTasks, subscriptions) has live work to watch without anyone typing.
public struct Delegation: Sendable {
    public var endpoints: [AgentEndpoint]
    /// Seconds between delegations; 0 disables them.
    public var interval: Double

    public init(endpoints: [AgentEndpoint], interval: Double) {
        self.endpoints = endpoints
        self.interval = interval
    }

    /// The message one peer sends another (pure, testable).
    public static func message(prompt: String, from peer: String) -> Message {
        Message(messageId: UUID().uuidString.lowercased(), contextId: nil, taskId: nil, role: .user,
                parts: [.text(prompt)], metadata: .object([("delegatedBy", .string(peer))]))
    }

    /// Hands out one task; returns the receiving agent's name and the task id.
    @discardableResult
    public func delegateOnce() async -> (agent: String, taskId: String)? {
        let candidates = endpoints.filter { !$0.personality.delegatedPrompts.isEmpty && $0.isUp }
        guard let target = candidates.randomElement(), let prompt = target.personality.delegatedPrompts.randomElement() else {
            return nil
        }
        guard let sent = try? await target.engine.send(Self.message(prompt: prompt.text, from: prompt.from), stream: false) else {
            return nil
        }
        return (target.personality.name, sent.task.id)
    }

    /// Runs until cancelled.
    public func run() async {
        guard interval > 0 else { return }
        while !Task.isCancelled {
            do { try await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000)) } catch { return }
            await delegateOnce()
        }
    }
}
