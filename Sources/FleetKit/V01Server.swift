import Foundation

/// The blog-era (0.1) agent: `tasks/send` with a client-chosen task id and `sessionId`,
/// `params.skillId`, and `tasks/sendSubscribe` streaming ad-hoc events as bare objects.
public enum V01Server {
    public static func handle(_ call: RPCCall, context: AgentContext) async -> AgentReply {
        let engine = context.engine
        let p = call.params
        do {
            switch call.method {
            case "tasks/send", "tasks/sendSubscribe":
                guard var message = V01Codec.parseMessage(p["message"]) else {
                    return error(call.id, code: RPCCode.invalidParams, message: "Invalid params: message is required")
                }
                let requestedId = nonEmpty(p["id"]?.stringValue)
                var newTaskId: String?
                if let requestedId, await engine.exists(requestedId) {
                    message.taskId = requestedId  // the same id again continues the task
                } else {
                    newTaskId = requestedId
                    message.contextId = nonEmpty(p["sessionId"]?.stringValue)
                }
                let streaming = call.method == "tasks/sendSubscribe"
                let sent = try await engine.send(message, skillId: nonEmpty(p["skillId"]?.stringValue),
                                                 newTaskId: newTaskId, stream: true)
                if streaming, let events = sent.events {
                    return stream(events, context: context, limit: Directives(parsing: message.text).streamLimit)
                }
                await settle(sent.events)
                let task = (try? await engine.task(sent.task.id)) ?? sent.task
                return result(call.id, V01Codec.task(task, historyLength: p["historyLength"]?.intValue))
            case "tasks/get":
                let task = try await engine.task(p["id"]?.stringValue ?? "")
                return result(call.id, V01Codec.task(task, historyLength: p["historyLength"]?.intValue))
            case "tasks/cancel":
                return result(call.id, V01Codec.task(try await engine.cancel(p["id"]?.stringValue ?? "")))
            case "tasks/resubscribe":
                return stream(try await engine.resubscribe(p["id"]?.stringValue ?? ""), context: context)
            default:
                return error(call.id, code: RPCCode.methodNotFound, message: "Method not found")
            }
        } catch {
            switch error {
            case .taskNotFound: return self.error(call.id, code: RPCCode.taskNotFound, message: "Task not found")
            case .taskNotCancelable: return self.error(call.id, code: RPCCode.taskNotCancelable, message: "Task cannot be canceled")
            case let .terminalTask(id, state):
                return self.error(call.id, code: RPCCode.invalidParams, message: "Task \(id) is in terminal state: \(state.kebabName)")
            case let .invalidParams(message): return self.error(call.id, code: RPCCode.invalidParams, message: message)
            }
        }
    }

    static func result(_ id: JSON, _ value: JSON) -> AgentReply {
        .json(.object([("jsonrpc", .string("2.0")), ("id", id), ("result", value)]))
    }

    static func error(_ id: JSON, code: Int, message: String) -> AgentReply {
        .json(.object([("jsonrpc", .string("2.0")), ("id", id),
                       ("error", .object([("code", .int(code)), ("message", .string(message))]))]))
    }

    /// Collects artifact text so the closing `task_result` can carry the whole result.
    struct Encoder: FrameEncoder {
        var resultText = ""
        mutating func frames(for event: TaskEvent) -> [String] {
            switch event {
            case let .snapshot(task):
                resultText = task.artifacts.flatMap(\.parts).compactMap(\.text).joined()
            case let .artifact(_, _, artifact, append, _):
                let text = artifact.parts.compactMap(\.text).joined()
                resultText = append ? resultText + text : text
            case .status:
                break
            }
            let text = resultText
            return V01Codec.adHocEvents(event, artifactText: { text }).map { SSE.dataFrame($0.serialized(.compact)) }
        }
    }

    static func stream(_ events: AsyncStream<TaskEvent>, context: AgentContext, limit: StreamLimit? = nil) -> AgentReply {
        .stream(headers: AgentReply.streamHeaders,
                frames: SSE.frames(from: events, encoder: Encoder(), pingInterval: context.pingInterval, limit: limit))
    }
}
