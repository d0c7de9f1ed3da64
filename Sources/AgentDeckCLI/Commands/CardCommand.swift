import A2A
import ArgumentParser
import Wire

/// `agentdeck card URL`: discover, validate and print the normalized card.
struct CardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "card", abstract: "Fetch, validate and print an agent's card.")

    @Argument(help: "Agent base URL or card URL.") var url: String
    @Flag(help: "One JSON object per line.") var json = false
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await failingClearly {
            let client = try AgentClientFactory.make(url: url, connection: connection, readOnly: true)
            let agent = try await client.discoverOrFail()
            if json {
                var o = JSONObject()
                o["agent"] = .string(URLCredentials.redacted(url))
                o["taskId"] = .null
                o["kind"] = "card"
                o["name"] = .string(agent.card.name)
                o["cardUrl"] = .string(agent.cardURL)
                o["dialect"] = agent.endpoint.map { .string($0.dialect.description) } ?? .null
                o["endpoint"] = agent.endpoint.map { .string($0.url) } ?? .null
                if let problem = agent.endpointProblem { o["problem"] = .string(problem) }
                o["skills"] = .array(agent.card.skills.map { .string($0.id) })
                o["streaming"] = .bool(agent.card.capabilities.streaming)
                o["card"] = agent.card.raw
                StandardOutput.line(JSONValue.object(o).jsonString)
            } else {
                StandardOutput.line(Sanitized.text(CardSummary.text(agent.card, endpoint: agent.endpoint, cardURL: agent.cardURL)))
                if let problem = agent.endpointProblem { StandardOutput.line("problem:    \(Sanitized.text(problem))") }
            }
            return agent.endpoint == nil ? 1 : 0
        }
    }
}
