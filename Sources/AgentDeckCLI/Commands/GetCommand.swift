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
            let client = try AgentClientFactory.make(url: url, connection: connection, readOnly: true)
            _ = try await client.discoverOrFail()
            let task = try await client.callOrFail(.get(taskID: taskID, historyLength: nil)).task(or: "GetTask")
            EventPrinter(agent: url, json: json).print(.task(task))
            return 0
        }
    }
}
