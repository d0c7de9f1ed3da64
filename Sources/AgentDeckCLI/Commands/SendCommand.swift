import A2A
import ArgumentParser
import Foundation
import Wire

/// `agentdeck send URL TEXT`: send a message, stream (or poll) the task to its end, print every event.
struct SendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send a message to an agent and follow the task.",
        discussion: "Exit status: 0 completed, 2 failed/rejected/canceled, 3 input-required/auth-required, 1 error.")

    @Argument(help: "Agent base URL or card URL.") var url: String
    @Argument(help: "The message text.") var text: String
    @Option(help: "Skill id to ask for.") var skill: String?
    @Flag(name: .customLong("no-stream"), help: "Send without streaming, then poll the task.") var noStream = false
    @Option(name: .customLong("task-id"), help: "Continue this task (with --context-id).") var taskID: String?
    @Option(name: .customLong("context-id"), help: "Context of the task to continue.") var contextID: String?
    @Flag(help: "One JSON object per line.") var json = false
    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if (taskID == nil) != (contextID == nil), taskID != nil {
            // a2a-sdk 1.3.0 invents a fresh context when a follow-up carries only the task id.
            throw ValidationError("--task-id needs --context-id too (agents otherwise start a new context)")
        }
    }

    func run() async throws {
        try await failingClearly {
            let client = try AgentClientFactory.make(url: url, connection: connection, readOnly: false)
            let agent = try await client.discoverOrFail()
            guard agent.endpoint != nil else { throw CLIFailure(agent.endpointProblem ?? "no usable endpoint") }
            // (0.1 agents want client-chosen task and session ids: the client fills them in.)
            let message = Message(
                messageID: UUID().uuidString.lowercased(), contextID: contextID, taskID: taskID,
                role: .user, parts: [.text(text)])
            let printer = EventPrinter(agent: url, json: json)
            let streaming = agent.card.capabilities.streaming && !noStream
            let follower = TaskFollower(client: client)
            let final = try await follower.run(
                send: SendParams(message: message, skillID: skill, blocking: !streaming),
                streaming: streaming, onEvent: printer.print)
            return SendExit.code(for: final)
        }
    }
}
