import Foundation

/// A2A 1.0 JSON-RPC as a2a-sdk 1.x serves it without 0.3 compat: V1 names only, the
/// `A2A-Version: 1.0` header required, ProtoJSON results, ErrorInfo details on A2A errors.
public enum V1Server {
    static let methods: Set<String> = [
        "SendMessage", "SendStreamingMessage", "GetTask", "ListTasks", "CancelTask", "SubscribeToTask",
        "CreateTaskPushNotificationConfig", "GetTaskPushNotificationConfig",
        "ListTaskPushNotificationConfigs", "DeleteTaskPushNotificationConfig", "GetExtendedAgentCard",
    ]

    public static func handle(_ call: RPCCall, context: AgentContext) async -> AgentReply {
        guard methods.contains(call.method) else {
            return error(call.id, code: RPCCode.methodNotFound, message: "Method not found")
        }
        let version = call.headers["a2a-version"].flatMap(nonEmpty) ?? "0.3"
        guard version == "1.0" || version.split(separator: ".").first == "1" else {
            return error(call.id, code: RPCCode.versionNotSupported,
                         message: "A2A version '\(version)' is not supported by this handler. Expected version '1.0'.",
                         reason: "VERSION_NOT_SUPPORTED")
        }
        let engine = context.engine
        let p = call.params
        // a2a-sdk validates historyLength wherever it is accepted.
        if let n = (p["historyLength"] ?? p["configuration"]?["historyLength"])?.intValue, n < 0 {
            return error(call.id, code: RPCCode.invalidParams, message: "history length must be non-negative", reason: "INVALID_PARAMS")
        }
        do {
            switch call.method {
            case "SendMessage", "SendStreamingMessage":
                guard let message = V1Codec.parseMessage(p["message"]) else {
                    return error(call.id, code: RPCCode.invalidParams, message: "Invalid params: message is required")
                }
                let streaming = call.method == "SendStreamingMessage"
                let directives = Directives(parsing: message.text)
                if directives.direct, message.taskId == nil {
                    let reply = JSON.object([("message", V1Codec.message(directReply(to: message)))])
                    return streaming ? .stream(headers: AgentReply.streamHeaders, frames: SSE.fixed([Encoder(id: call.id).frame(reply)]))
                                     : result(call.id, reply)
                }
                let returnImmediately = p["configuration"]?["returnImmediately"]?.boolValue ?? false
                let historyLength = p["configuration"]?["historyLength"]?.intValue
                let sent = try await engine.send(message, stream: streaming || !returnImmediately)
                if streaming, let events = sent.events {
                    return stream(call.id, events, context: context, limit: directives.streamLimit)
                }
                await settle(sent.events)
                let task = (try? await engine.task(sent.task.id)) ?? sent.task
                return result(call.id, .object([("task", V1Codec.task(task, historyLength: historyLength))]))
            case "GetTask":
                let task = try await engine.task(p["id"]?.stringValue ?? "")
                return result(call.id, V1Codec.task(task, historyLength: p["historyLength"]?.intValue))
            case "CancelTask":
                return result(call.id, V1Codec.task(try await engine.cancel(p["id"]?.stringValue ?? "")))
            case "ListTasks":
                return await listTasks(call, engine: engine)
            case "SubscribeToTask":
                return stream(call.id, try await engine.resubscribe(p["id"]?.stringValue ?? ""), context: context)
            case "GetExtendedAgentCard":
                return error(call.id, code: RPCCode.extendedCardNotConfigured,
                             message: "Authenticated Extended Card is not configured", reason: "EXTENDED_AGENT_CARD_NOT_CONFIGURED")
            default:
                return error(call.id, code: RPCCode.pushNotSupported,
                             message: "Push notifications are not supported by the agent", reason: "PUSH_NOTIFICATION_NOT_SUPPORTED")
            }
        } catch {
            return engineError(call.id, error)
        }
    }

    static func listTasks(_ call: RPCCall, engine: TaskEngine) async -> AgentReply {
        let p = call.params
        let pageSize = p["pageSize"]?.intValue ?? 50
        guard pageSize >= 1 else { return error(call.id, code: RPCCode.invalidParams, message: "minimum page size is 1", reason: "INVALID_PARAMS") }
        guard pageSize <= 100 else { return error(call.id, code: RPCCode.invalidParams, message: "maximum page size is 100", reason: "INVALID_PARAMS") }
        var state: TaskState?
        if let name = nonEmpty(p["status"]?.stringValue), name != "TASK_STATE_UNSPECIFIED" {
            guard let parsed = TaskState(wireName: name) else {
                return error(call.id, code: RPCCode.invalidParams, message: "Invalid status filter: \(name)")
            }
            state = parsed
        }
        var query = TaskListQuery(contextId: nonEmpty(p["contextId"]?.stringValue), state: state,
                                  pageSize: pageSize, pageToken: nonEmpty(p["pageToken"]?.stringValue))
        if let text = nonEmpty(p["statusTimestampAfter"]?.stringValue) {
            guard let after = Timestamp.parse(text) else {
                return error(call.id, code: RPCCode.invalidParams, message: "Invalid statusTimestampAfter: \(text)", reason: "INVALID_PARAMS")
            }
            query.statusTimestampAfter = after
        }
        guard let page = query.page(of: await engine.allTasks()) else {
            return error(call.id, code: RPCCode.invalidParams, message: "Invalid page token: \(query.pageToken ?? "")", reason: "INVALID_PARAMS")
        }
        let includeArtifacts = p["includeArtifacts"]?.boolValue ?? false
        let historyLength = p["historyLength"]?.intValue
        let tasks = page.tasks.map { V1Codec.task($0, historyLength: historyLength, includeArtifacts: includeArtifacts, listStyle: true) }
        return result(call.id, .object([("tasks", .array(tasks)),
                                        ("nextPageToken", .string(page.nextPageToken ?? "")),
                                        ("pageSize", .int(pageSize)),
                                        ("totalSize", .int(page.totalSize))]))
    }

    // MARK: Envelopes (a2a-sdk 1.x order: result/error, id, jsonrpc)

    static func result(_ id: JSON, _ value: JSON) -> AgentReply {
        .json(.object([("result", value), ("id", id), ("jsonrpc", .string("2.0"))]))
    }

    static func errorJSON(_ id: JSON, code: Int, message: String, reason: String? = nil) -> JSON {
        let data: JSON? = reason.map { r in
            .array([.object([("@type", .string("type.googleapis.com/google.rpc.ErrorInfo")), ("reason", .string(r)),
                             ("domain", .string("a2a-protocol.org")), ("metadata", .object([]))])])
        }
        return .object([("error", .obj(("code", .int(code)), ("message", .string(message)), ("data", data))),
                        ("id", id), ("jsonrpc", .string("2.0"))])
    }

    static func error(_ id: JSON, code: Int, message: String, reason: String? = nil) -> AgentReply {
        .json(errorJSON(id, code: code, message: message, reason: reason))
    }

    static func engineError(_ id: JSON, _ error: Error) -> AgentReply {
        switch error as? EngineError {
        case .taskNotFound?:
            return self.error(id, code: RPCCode.taskNotFound, message: "Task not found", reason: "TASK_NOT_FOUND")
        case .taskNotCancelable?:
            return self.error(id, code: RPCCode.taskNotCancelable, message: "Task cannot be canceled", reason: "TASK_NOT_CANCELABLE")
        case let .terminalTask(taskId, state)?:
            return self.error(id, code: RPCCode.unsupportedOperation,
                              message: "Task \(taskId) is in terminal state: \(state.v1Name)", reason: "UNSUPPORTED_OPERATION")
        case let .invalidParams(message)?:
            return self.error(id, code: RPCCode.invalidParams, message: message, reason: "INVALID_PARAMS")
        case nil:
            return self.error(id, code: RPCCode.internalError, message: String(describing: error))
        }
    }

    // MARK: Streams

    struct Encoder: FrameEncoder {
        var id: JSON
        mutating func frames(for event: TaskEvent) -> [String] { [frame(V1Codec.streamResult(event))] }

        func frame(_ result: JSON) -> String {
            SSE.dataFrame(JSON.object([("result", result), ("id", id), ("jsonrpc", .string("2.0"))]).serialized(.python))
        }
    }

    static func stream(_ id: JSON, _ events: AsyncStream<TaskEvent>, context: AgentContext, limit: StreamLimit? = nil) -> AgentReply {
        .stream(headers: AgentReply.streamHeaders,
                frames: SSE.frames(from: events, encoder: Encoder(id: id), pingInterval: context.pingInterval, limit: limit))
    }
}
