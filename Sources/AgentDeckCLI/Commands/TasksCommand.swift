import A2A
import ArgumentParser
import Wire

/// `agentdeck tasks URL`: ListTasks, where the agent has it.
struct TasksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tasks", abstract: "List an agent's tasks (A2A 1.0 ListTasks).")

    @Argument(help: "Agent base URL or card URL.") var url: String
    @Option(help: "Only tasks in this state (e.g. working, input-required).") var state: String?
    @Option(name: .customLong("context-id"), help: "Only tasks of this context.") var contextID: String?
    @Flag(help: "One JSON object per line.") var json = false
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await failingClearly {
            let client = try AgentClientFactory.make(url: url, connection: connection, readOnly: true)
            _ = try await client.discoverOrFail()
            let wanted = state.map(TaskState.init(wireName:))
            if case .unrecognized(let raw)? = wanted { throw CLIFailure("unknown state '\(raw)'") }
            var query = ListTasksQuery(contextID: contextID, state: wanted, pageSize: 100)
            let printer = EventPrinter(agent: url, json: json)
            var pages = 0
            repeat {
                guard case .taskPage(let page) = try await client.callOrFail(.list(query)) else {
                    throw CLIFailure("agent answered ListTasks with something other than a task list")
                }
                for task in page.tasks { printer.printRow(task) }
                query.pageToken = page.nextPageToken
                pages += 1
            } while query.pageToken != nil && pages < 100
            return 0
        }
    }
}
