import AgentDeckCLI

/// The executable's entry point. Inside an async function the compiler picks
/// `AsyncParsableCommand.main()`; top-level code would pick the synchronous one, which refuses
/// to run async subcommands.
@main
enum AgentDeckMain {
    static func main() async {
        await AgentDeckCommand.main()
    }
}
