import Foundation

/// One agent's task store and runner: creates tasks, plays personality plans over time,
/// fans events out to stream subscribers, and honours cancel. Dialect-free.
public actor TaskEngine {
    public let personality: Personality
    /// Most tasks kept per agent; the oldest finished ones are dropped first.
    public let maxTasks: Int

    private var tasks: [String: TaskRecord] = [:]
    private var runners: [String: Task<Void, Never>] = [:]
    private var subscribers: [String: [UUID: AsyncStream<TaskEvent>.Continuation]] = [:]
    private var ordinal = 0
    private var sequence = 0
    private var closed = false

    public init(personality: Personality, maxTasks: Int = 500) {
        self.personality = personality
        self.maxTasks = max(1, maxTasks)
    }

    // MARK: Sending

    /// Result of a send: the task as it stands, and, when asked, a stream of what happens next
    /// (its first event is the snapshot).
    public struct SendResult: Sendable {
        public var task: TaskRecord
        public var events: AsyncStream<TaskEvent>?
    }

    /// Start a task, or continue one that asked for input (`message.taskId` set).
    /// `newTaskId` lets a blog-era client choose the id of a new task.
    public func send(_ incoming: Message, skillId: String? = nil, newTaskId: String? = nil,
                     stream: Bool) throws(EngineError) -> SendResult {
        if let taskId = incoming.taskId { return try continueTask(taskId, with: incoming, stream: stream) }
        if let newTaskId, tasks[newTaskId] != nil { throw .invalidParams("Task \(newTaskId) already exists") }
        ordinal += 1
        sequence += 1
        let taskId = newTaskId ?? UUID().uuidString.lowercased()
        let contextId = incoming.contextId ?? UUID().uuidString.lowercased()
        var message = incoming
        message.taskId = taskId
        message.contextId = contextId
        var task = TaskRecord(id: taskId, contextId: contextId,
                              status: TaskStatus(state: .submitted, message: nil, timestamp: nil))
        task.history = [message]
        task.skillId = skillId ?? Self.requestedSkill(in: message.metadata)
        task.directed = !Directives(parsing: message.text).isEmpty
        task.sequence = sequence
        tasks[taskId] = task
        evictIfNeeded()
        let events = stream ? subscribe(taskId, snapshot: task) : nil
        let request = PlanRequest(taskId: taskId, text: message.text, skillId: task.skillId, ordinal: ordinal)
        start(taskId, plan: personality.plan(request))
        return SendResult(task: task, events: events)
    }

    private func continueTask(_ taskId: String, with incoming: Message, stream: Bool) throws(EngineError) -> SendResult {
        guard var task = tasks[taskId] else { throw .taskNotFound }
        if task.status.state.isTerminal {
            throw .invalidParams("Task \(taskId) is in terminal state: \(task.status.state.kebabName)")
        }
        var message = incoming
        if message.contextId == nil { message.contextId = task.contextId }
        task.history.append(message)
        tasks[taskId] = task
        let events = stream ? subscribe(taskId, snapshot: task) : nil
        if task.status.state.isInterrupted {
            ordinal += 1
            var request = PlanRequest(taskId: taskId, text: message.text, skillId: task.skillId,
                                      isFollowUp: true, ordinal: ordinal)
            request.directedTask = task.directed
            start(taskId, plan: personality.plan(request))
        }
        return SendResult(task: task, events: events)
    }

    /// The skill a client asked for in message metadata (spellings seen in the wild).
    static func requestedSkill(in metadata: JSON?) -> String? {
        for key in ["skillId", "skill_id", "skill"] {
            if let value = metadata?[key]?.stringValue, !value.isEmpty { return String(value.prefix(200)) }
        }
        return nil
    }

    // MARK: Reading

    public func exists(_ id: String) -> Bool { tasks[id] != nil }

    public func task(_ id: String) throws(EngineError) -> TaskRecord {
        guard let task = tasks[id] else { throw .taskNotFound }
        return task
    }

    /// All tasks, most recently updated first (a2a-sdk's ListTasks order).
    public func allTasks() -> [TaskRecord] {
        tasks.values.sorted { a, b in
            let ta = a.status.timestamp ?? .distantPast, tb = b.status.timestamp ?? .distantPast
            return ta != tb ? ta > tb : a.id > b.id
        }
    }

    /// Stream of a running task's next events, starting with its snapshot.
    public func resubscribe(_ id: String) throws(EngineError) -> AsyncStream<TaskEvent> {
        guard let task = tasks[id] else { throw .taskNotFound }
        if task.status.state.isTerminal { throw .terminalTask(id: id, state: task.status.state) }
        return subscribe(id, snapshot: task)
    }

    // MARK: Cancel

    public func cancel(_ id: String) throws(EngineError) -> TaskRecord {
        guard let task = tasks[id] else { throw .taskNotFound }
        guard !task.status.state.isTerminal else { throw .taskNotCancelable }
        runners[id]?.cancel()
        runners[id] = nil
        finish(id, state: .canceled, text: PeerText.canceled)
        return tasks[id] ?? task
    }

    /// Ends every open stream (shutdown) so servers can close their connections.
    public func closeAllStreams() {
        closed = true
        for (_, conts) in subscribers { for (_, c) in conts { c.finish() } }
        subscribers = [:]
        for (_, runner) in runners { runner.cancel() }
        runners = [:]
    }

    public var openStreamCount: Int { subscribers.values.reduce(0) { $0 + $1.count } }

    // MARK: Playing plans

    private func start(_ taskId: String, plan: [Step]) {
        guard !closed else { return }
        runners[taskId]?.cancel()
        runners[taskId] = Task { [weak self] in
            for step in plan {
                guard let self, !Task.isCancelled else { return }
                if case let .pause(seconds) = step {
                    do { try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000)) } catch { return }
                    continue
                }
                guard await self.apply(step, to: taskId) else { return }
            }
            await self?.runnerEnded(taskId)
        }
    }

    private func runnerEnded(_ taskId: String) { runners[taskId] = nil }

    /// Apply one step; false once the task has ended (e.g. canceled meanwhile).
    private func apply(_ step: Step, to taskId: String) -> Bool {
        guard let task = tasks[taskId], !task.status.state.isTerminal else { return false }
        switch step {
        case let .working(text, percent):
            let metadata: [(String, JSON)] = percent.map { [("progress", .double($0))] } ?? []
            updateStatus(taskId, state: .working, text: text, metadata: metadata)
        case let .chunk(artifactId, name, parts, append, last):
            let artifact = Artifact(artifactId: artifactId, name: name, parts: parts)
            tasks[taskId]?.applyArtifact(artifact, append: append)
            publish(taskId, .artifact(taskId: taskId, contextId: task.contextId, artifact: artifact, append: append, lastChunk: last))
        case let .finish(state, text):
            finish(taskId, state: state, text: text)
            return false  // a plan ends with its finish step; a follow-up starts a new plan
        case .pause:
            break
        }
        return true
    }

    private func agentMessage(_ text: String, task: TaskRecord) -> Message {
        Message(messageId: UUID().uuidString.lowercased(), contextId: task.contextId, taskId: task.id,
                role: .agent, parts: [.text(text)])
    }

    private func updateStatus(_ taskId: String, state: TaskState, text: String, metadata: [(String, JSON)]) {
        guard var task = tasks[taskId] else { return }
        let status = TaskStatus(state: state, message: agentMessage(text, task: task), timestamp: Date())
        task.setStatus(status)
        task.mergeMetadata(metadata)
        tasks[taskId] = task
        publish(taskId, .status(taskId: taskId, contextId: task.contextId, status: status,
                                metadata: metadata.isEmpty ? nil : .object(metadata)))
    }

    private func finish(_ taskId: String, state: TaskState, text: String) {
        updateStatus(taskId, state: state, text: text, metadata: [])
        if state.isTerminal || state.isInterrupted {
            for (_, c) in subscribers[taskId] ?? [:] { c.finish() }
            subscribers[taskId] = nil
        }
    }

    // MARK: Subscribers

    private func subscribe(_ taskId: String, snapshot: TaskRecord) -> AsyncStream<TaskEvent> {
        let key = UUID()
        let (stream, continuation) = AsyncStream<TaskEvent>.makeStream(bufferingPolicy: .bufferingNewest(10_000))
        continuation.yield(.snapshot(snapshot))
        if closed || snapshot.status.state.isTerminal {
            continuation.finish()
            return stream
        }
        subscribers[taskId, default: [:]][key] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(taskId, key: key) }
        }
        return stream
    }

    private func unsubscribe(_ taskId: String, key: UUID) {
        subscribers[taskId]?[key] = nil
        if subscribers[taskId]?.isEmpty == true { subscribers[taskId] = nil }
    }

    private func publish(_ taskId: String, _ event: TaskEvent) {
        for (_, c) in subscribers[taskId] ?? [:] { c.yield(event) }
    }

    private func evictIfNeeded() {
        guard tasks.count > maxTasks else { return }
        let finished = tasks.values.filter { $0.status.state.isTerminal }.sorted { $0.sequence < $1.sequence }
        for task in finished.prefix(tasks.count - maxTasks) {
            tasks[task.id] = nil
        }
    }
}
