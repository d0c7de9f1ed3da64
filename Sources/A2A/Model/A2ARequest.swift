import Foundation

/// What we ask of an agent, independent of dialect. The codecs turn it into each dialect's wire form.
public enum A2ARequest: Sendable, Hashable {
    /// SendMessage / message/send / tasks/send.
    case send(SendParams)
    /// SendStreamingMessage / message/stream / tasks/sendSubscribe.
    case stream(SendParams)
    /// GetTask / tasks/get.
    case get(taskID: String, historyLength: Int?)
    /// ListTasks (V1 only; the HTTP+JSON binding has it for 0.3 too).
    case list(ListTasksQuery)
    /// CancelTask / tasks/cancel.
    case cancel(taskID: String)
    /// SubscribeToTask / tasks/resubscribe.
    case subscribe(taskID: String)

    /// Changes something on the agent. Read-only mode refuses these at the wire layer.
    public var isMutating: Bool {
        switch self {
        case .send, .stream, .cancel: true
        case .get, .list, .subscribe: false
        }
    }

    /// Answered with an event stream.
    public var isStreaming: Bool {
        switch self {
        case .stream, .subscribe: true
        default: false
        }
    }
}

public struct SendParams: Sendable, Hashable {
    /// The message to send. For a follow-up (input-required), set both `taskID` and `contextID`
    /// on it (a2a-sdk 1.3.0 invents a fresh context otherwise). V01 needs a client-chosen task id:
    /// the codec uses `message.taskID`, which the caller must then set.
    public var message: Message
    /// The skill asked for. Sent as `metadata.skillId` (and V01's non-standard `params.skillId`).
    public var skillID: String?
    /// Wait for a terminal or interrupted state before answering (non-streaming send only).
    public var blocking: Bool
    public var acceptedOutputModes: [String]
    public var historyLength: Int?
    public var metadata: JSONValue?

    public init(
        message: Message, skillID: String? = nil, blocking: Bool = true, acceptedOutputModes: [String] = [],
        historyLength: Int? = nil, metadata: JSONValue? = nil
    ) {
        self.message = message
        self.skillID = skillID
        self.blocking = blocking
        self.acceptedOutputModes = acceptedOutputModes
        self.historyLength = historyLength
        self.metadata = metadata
    }
}

public struct ListTasksQuery: Sendable, Hashable {
    public var contextID: String?
    public var state: TaskState?
    public var pageSize: Int?
    public var pageToken: String?
    public var historyLength: Int?
    /// Only tasks whose status changed at or after this instant (1.0 `statusTimestampAfter`).
    /// Sent to the millisecond, rounded down: a task at the very instant is listed again, never missed.
    public var statusTimestampAfter: Date?

    public init(
        contextID: String? = nil, state: TaskState? = nil, pageSize: Int? = nil, pageToken: String? = nil,
        historyLength: Int? = nil, statusTimestampAfter: Date? = nil
    ) {
        self.contextID = contextID
        self.state = state
        self.pageSize = pageSize
        self.pageToken = pageToken
        self.historyLength = historyLength
        self.statusTimestampAfter = statusTimestampAfter
    }
}

/// A decoded, successful answer to a non-streaming request.
public enum A2AResult: Sendable, Hashable {
    case task(A2ATask)
    case message(Message)
    case taskPage(TaskPage)
}

public struct TaskPage: Sendable, Hashable {
    public var tasks: [A2ATask]
    public var nextPageToken: String?
    public var totalSize: Int?
    /// The page size the agent applied (V1 `ListTasks` reports it).
    public var pageSize: Int?

    public init(tasks: [A2ATask], nextPageToken: String? = nil, totalSize: Int? = nil, pageSize: Int? = nil) {
        self.tasks = tasks
        self.nextPageToken = nextPageToken
        self.totalSize = totalSize
        self.pageSize = pageSize
    }
}
