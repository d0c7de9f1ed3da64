import Testing
import TestSupport

/// The behaviour table in tests/peers/README.md holds on every peer and dialect: exact status
/// texts, progress, assembled artifacts, ask/answer, fail, reject, cancel, cut, skill, echo.
/// `tests/peers/selftest.py` drives each peer over raw HTTP and compares with behaviours.py.
@Suite("Test peers behave as documented")
struct PeerBehaviourTests {
    @Test(arguments: ["v1", "v1-nocompat", "v03", "v01", "v01-adhoc"])
    func everyBehaviourHolds(peer: String) throws {
        let result = try PythonTool.run("tests/peers/selftest.py", venv: .a2a13, arguments: [peer], timeout: 180)
        #expect(!result.timedOut)
        #expect(result.exitStatus == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("OK all behaviours"))
        #expect(!result.stdout.contains("FAIL"))
    }
}
