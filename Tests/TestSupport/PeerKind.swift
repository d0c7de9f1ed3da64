/// Which real A2A peer to launch (the Python servers in `tests/peers/`, see its README.md).
public enum PeerKind: Sendable, Equatable, CustomStringConvertible {
    /// a2a-sdk 1.3.0 (`v1_agent.py`). `compat` also accepts 0.3 method names and serves the merged card.
    case v1(compat: Bool)
    /// a2a-sdk 0.3.26 (`v03_agent.py`): a native 0.3 server, card at both well-known paths.
    case v03
    /// The blog-era 0.1 dialect on plain Starlette (`v01_agent.py`).
    case v01(style: V01StreamStyle)
    /// `tests/peers/http_fixture.py`: scripted HTTP misbehaviour for the wire layer's tests.
    case httpFixture
    /// Any other script in `tests/peers/` by file name (".py" optional), run with the 1.3 venv.
    case script(String)

    /// The script file name inside `tests/peers/`.
    public var scriptName: String {
        switch self {
        case .v1: return "v1_agent.py"
        case .v03: return "v03_agent.py"
        case .v01: return "v01_agent.py"
        case .httpFixture: return "http_fixture.py"
        case .script(let name): return name.hasSuffix(".py") ? name : name + ".py"
        }
    }

    /// Which venv runs it: only the 0.3 peer needs the 0.3.26 SDK.
    public var venv: PeerVenv {
        if case .v03 = self { return .a2a03 }
        return .a2a13
    }

    /// The arguments before the caller's `args`: `--port 0` (the peer contract, see
    /// tests/peers/README.md) unless the script always picks free ports, then the kind's flags.
    public var launchArguments: [String] {
        switch self {
        case .httpFixture: return []  // binds two OS-chosen ports and takes no flags
        default: return ["--port", "0"] + kindArguments
        }
    }

    /// The flags that select this kind's behaviour.
    public var kindArguments: [String] {
        switch self {
        case .v1(let compat): return [compat ? "--compat" : "--no-compat"]
        case .v01(let style): return ["--style", style.rawValue]
        case .v03, .httpFixture, .script: return []
        }
    }

    public var description: String {
        switch self {
        case .v1(let compat): return "v1(compat: \(compat))"
        case .v03: return "v03"
        case .v01(let style): return "v01(style: \(style.rawValue))"
        case .httpFixture: return "httpFixture"
        case .script(let name): return "script(\(name))"
        }
    }
}

/// How the 0.1 peer streams `tasks/sendSubscribe`.
public enum V01StreamStyle: String, Sendable, Equatable, CaseIterable {
    /// JSON-RPC envelopes with `{id,status,final}` / `{id,artifact}` results, as the 0.1 spec says.
    case standard
    /// Bare `{"type":"task_status"|"progress"|"task_result",...}` objects, as some blog-era agents sent.
    case adhoc
}

/// The two Python virtual environments `scripts/ensure-deps.sh` creates at the repo root.
public enum PeerVenv: String, Sendable, Equatable {
    case a2a13 = ".venv-a2a13"
    case a2a03 = ".venv-a2a03"
}
