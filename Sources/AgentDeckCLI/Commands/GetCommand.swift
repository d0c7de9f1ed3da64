import A2A
import ArgumentParser
import Wire

/// `agentdeck get URL TASK_ID`.
struct GetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Print a task as the agent reports it.")

    @Argument(help: "Agent base URL or card URL.") var url: String
    @Argument(help: "Task id.") var taskID: String
    @Flag(help: "One JSON object per line.") var json = false
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await failingClearly {
            try await SingleTaskCall.run(url: url, connection: connection, json: json, request: .get(taskID: taskID, historyLength: nil), method: "GetTask")
        }
    }
}
