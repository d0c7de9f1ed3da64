/// `tests/conformance/check_agent.py`: the official a2a-sdk client checks an agent
/// (card, streaming send, get, cancel, resubscribe). Exit 0 means every step passed.
public enum ConformanceCheck {
    public enum ClientSDK: String, Sendable, CaseIterable {
        case v13 = "1.3"
        case v03 = "0.3"

        var venv: PeerVenv { self == .v13 ? .a2a13 : .a2a03 }
    }

    public static func run(
        _ agentURL: String,
        sdk: ClientSDK,
        extraArguments: [String] = [],
        env: [String: String] = [:],
        timeout: Double = 180,
        layout: RepoLayout = .current()
    ) throws -> PythonTool.Result {
        try PythonTool.run(
            "tests/conformance/check_agent.py", venv: sdk.venv,
            arguments: [agentURL, "--sdk", sdk.rawValue] + extraArguments,
            env: env, timeout: timeout, layout: layout)
    }
}
