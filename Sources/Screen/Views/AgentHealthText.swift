import Deck
import Foundation

/// How the health window is written and drawn: rates, window lengths and the pulses.
enum AgentHealthText {
    /// `0.4/min`, `12/min`, `1.2k/min`: at most 8 columns.
    static func rate(_ perMinute: Double) -> String {
        guard perMinute.isFinite, perMinute > 0 else { return "0/min" }
        if perMinute < 10 { return String(format: "%.1f/min", perMinute) }
        if perMinute < 1000 { return "\(Int(perMinute.rounded()))/min" }
        return String(format: "%.1fk/min", min(perMinute, 999_000) / 1000)
    }

    /// The rate alone, for a 5-column cell: `0.4`, `12`, `1.2k`, `-` when nothing finished.
    static func compactRate(_ perMinute: Double) -> String {
        guard perMinute.isFinite, perMinute > 0 else { return "-" }
        if perMinute < 10 { return String(format: "%.1f", perMinute) }
        if perMinute < 1000 { return "\(Int(perMinute.rounded()))" }
        return String(format: "%.1fk", min(perMinute, 99_000) / 1000)
    }

    /// Upper bounds of the agents pane's latency steps, in seconds (1-2-5).
    static let latencySteps: [TimeInterval] = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10]

    /// A latency cell of the agents pane: the step the value falls under, `<2ms`, `<50ms`, `<1s`,
    /// `>10s`. Card polls on a steady link vary by a millisecond or so from poll to poll, and
    /// exact figures redrew the column on nearly every poll (an idle console is meant to write
    /// nothing). A step is a factor of 2–2.5, so an agent that gets slow still shows; the agent
    /// detail keeps the exact figures. At most 6 columns.
    static func latencyStep(_ seconds: TimeInterval) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "" }
        guard let bound = latencySteps.first(where: { seconds < $0 }) else { return ">10s" }
        return bound < 1 ? "<\(Int((bound * 1000).rounded()))ms" : "<\(Int(bound))s"
    }

    /// `15m`, `90s`, `2h`, `1h30m`.
    static func span(_ seconds: TimeInterval) -> String {
        let s = Int(max(0, seconds.isFinite ? min(seconds, 1e9) : 0))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return s % 60 == 0 ? "\(s / 60)m" : "\(s / 60)m\(s % 60)s" }
        let h = s / 3600, m = (s % 3600) / 60
        return m == 0 ? "\(h)h" : "\(h)h\(m)m"
    }

    /// The row's pulse: height is tasks finished per interval; intervals with a task that did
    /// not complete are marked, and so are intervals without tasks where a card poll got no
    /// answer (drawn `×`), so an agent that stopped answering shows at a glance.
    static func taskPulse(_ m: HealthSummary, ascii: Bool) -> Sparkline {
        let totals = zip(m.okPulse, m.failedPulse).map { Double($0 + $1) }
        let marked = m.failedPulse.indices.map { i in
            m.failedPulse[i] > 0 || (totals[i] == 0 && i < m.pollFailedPulse.count && m.pollFailedPulse[i] > 0)
        }
        return Sparkline(values: totals, ascii: ascii, style: Style(.ok), marked: marked)
    }

    /// Completed tasks per interval (on the same scale as `failedPulse`, so the two compare).
    static func okPulse(_ m: HealthSummary, ascii: Bool) -> Sparkline {
        Sparkline(values: m.okPulse.map(Double.init), maximum: sharedMaximum(m), ascii: ascii, style: Style(.ok))
    }

    /// Tasks that failed, were canceled or rejected, per interval.
    static func failedPulse(_ m: HealthSummary, ascii: Bool) -> Sparkline {
        Sparkline(values: m.failedPulse.map(Double.init), maximum: sharedMaximum(m), ascii: ascii, style: Style(.error))
    }

    static func sharedMaximum(_ m: HealthSummary) -> Double {
        Double(max(m.okPulse.max() ?? 0, m.failedPulse.max() ?? 0))
    }

    /// Card-poll latency per interval; intervals with a failed poll marked (`×` when none answered).
    static func latencyPulse(_ m: HealthSummary, ascii: Bool) -> Sparkline {
        Sparkline(values: m.latencyPulse, ascii: ascii, style: Style(.text), marked: m.pollFailedPulse.map { $0 > 0 })
    }
}
