import AgentDeckCLI

AgentDeckCommand.main()
