import ArgumentParser

public struct AgentDeckCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "agentdeck",
        abstract: "A terminal operator console for fleets of A2A agents.")
    public init() {}
    public func run() throws {
        print("agentdeck: under construction")
    }
}
