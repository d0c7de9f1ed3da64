import Foundation

/// A2A 0.3 JSON-RPC as a native a2a-sdk 0.3 server speaks it: slash method names, `kind`
/// tags, sorted keys, `final` on status updates. It knows nothing of V1 names or headers.
public enum V03Server {
    public static func handle(_ call: RPCCall, context: AgentContext) async -> AgentReply {
        let engine = context.engine
        let p = call.params
        do {
            switch call.method {
            case "message/send", "message/stream":
                guard let message = V03Codec.parseMessage(p["message"]) else {
                    return error(call.id, code: RPCCode.invalidParams, message: "Invalid params: message is required")
                }
                let streaming = call.method == "message/stream"
                let directives = Directives(parsing: message.text)
                if directives.direct, message.taskId == nil {
                    let reply = V03Codec.message(directReply(to: message))
                    return streaming ? .stream(headers: AgentReply.streamHeaders, frames: SSE.fixed([Encoder(id: call.id).frame(reply)]))
                                     : result(call.id, reply)
                }
                let blocking = p["configuration"]?["blocking"]?.boolValue ?? true
                let historyLength = p["configuration"]?["historyLength"]?.intValue
                let sent = try await engine.send(message, stream: streaming || blocking)
                if streaming, let events = sent.events {
                    return stream(call.id, events, context: context, limit: directives.streamLimit)
                }
                await settle(sent.events)
                let task = (try? await engine.task(sent.task.id)) ?? sent.task
                return result(call.id, V03Codec.task(task, historyLength: historyLength))
            case "tasks/get":
                let task = try await engine.task(p["id"]?.stringValue ?? "")
                return result(call.id, V03Codec.task(task, historyLength: p["historyLength"]?.intValue))
            case "tasks/cancel":
                return result(call.id, V03Codec.task(try await engine.cancel(p["id"]?.stringValue ?? "")))
            case "tasks/resubscribe":
                return stream(call.id, try await engine.resubscribe(p["id"]?.stringValue ?? ""), context: context)
            case "tasks/pushNotificationConfig/set", "tasks/pushNotificationConfig/get",
                 "tasks/pushNotificationConfig/list", "tasks/pushNotificationConfig/delete":
                return error(call.id, code: RPCCode.pushNotSupported, message: "Push Notification is not supported")
            case "agent/getAuthenticatedExtendedCard":
                return error(call.id, code: RPCCode.extendedCardNotConfigured, message: "Authenticated Extended Card is not configured")
            default:
                return error(call.id, code: RPCCode.methodNotFound, message: "Method not found")
            }
        } catch {
            return engineError(call.id, error)
        }
    }

    static func result(_ id: JSON, _ value: JSON) -> AgentReply {
        .json(JSON.object([("id", id), ("jsonrpc", .string("2.0")), ("result", value)]).sortedKeys())
    }

    static func errorJSON(_ id: JSON, code: Int, message: String) -> JSON {
        .object([("jsonrpc", .string("2.0")), ("id", id),
                 ("error", .object([("code", .int(code)), ("data", .null), ("message", .string(message))]))])
    }

    static func error(_ id: JSON, code: Int, message: String) -> AgentReply {
        .json(errorJSON(id, code: code, message: message))
    }

    static func engineError(_ id: JSON, _ error: Error) -> AgentReply {
        switch error as? EngineError {
        case .taskNotFound?: return self.error(id, code: RPCCode.taskNotFound, message: "Task not found")
        case .taskNotCancelable?: return self.error(id, code: RPCCode.taskNotCancelable, message: "Task cannot be canceled")
        case let .terminalTask(taskId, state)?:
            return self.error(id, code: RPCCode.invalidParams, message: "Task \(taskId) is in terminal state: \(state.kebabName)")
        case let .invalidParams(message)?: return self.error(id, code: RPCCode.invalidParams, message: message)
        case nil: return self.error(id, code: RPCCode.internalError, message: String(describing: error))
        }
    }

    struct Encoder: FrameEncoder {
        var id: JSON
        mutating func frames(for event: TaskEvent) -> [String] { [frame(V03Codec.event(event))] }

        func frame(_ result: JSON) -> String {
            SSE.dataFrame(JSON.object([("id", id), ("jsonrpc", .string("2.0")), ("result", result)]).sortedKeys().serialized(.compact))
        }
    }

    static func stream(_ id: JSON, _ events: AsyncStream<TaskEvent>, context: AgentContext, limit: StreamLimit? = nil) -> AgentReply {
        .stream(headers: AgentReply.streamHeaders,
                frames: SSE.frames(from: events, encoder: Encoder(id: id), pingInterval: context.pingInterval, limit: limit))
    }
}
