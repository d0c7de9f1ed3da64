import A2A
import ArgumentParser
import Wire

/// `agentdeck cancel URL TASK_ID`: exit 0 when the agent accepted the cancel.
struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Ask an agent to cancel a task.")

    @Argument(help: "Agent base URL or card URL.") var url: String
    @Argument(help: "Task id.") var taskID: String
    @Flag(help: "One JSON object per line.") var json = false
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await failingClearly {
            try await SingleTaskCall.run(url: url, connection: connection, json: json, request: .cancel(taskID: taskID), method: "CancelTask")
        }
    }
}
