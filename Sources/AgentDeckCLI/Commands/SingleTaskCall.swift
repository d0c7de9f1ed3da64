import A2A

/// What `get` and `cancel` share: find the agent's endpoint, make one call about one task, and
/// print the task the agent answers with. Read-only unless the request changes something.
enum SingleTaskCall {
    static func run(url: String, connection: ConnectionOptions, json: Bool, request: A2ARequest, method: String) async throws -> Int32 {
        let client = try AgentClientFactory.make(url: url, connection: connection, readOnly: !request.isMutating)
        _ = try await client.discoverOrFail()
        let task = try await client.callOrFail(request).task(or: method)
        EventPrinter(agent: url, json: json).print(.task(task))
        return 0
    }
}
