import Deck

/// The agent detail's health section, over the rolling window:
///
/// ```
/// ── Health, last 15m
/// Latency  p50 48ms  p99 120ms, 30 polls, 1 failed
/// Tasks    4.2/min, 93% of 30 completed
///          1 failed, 1 canceled
/// Duration p50 12s  p95 1m05s
/// Skills   #summarize 12  #search 3
/// Ok       ▁▂▃▅▇█▆▃▁▂          (completed per interval)
/// Failed        ▁              (failed, canceled or rejected)
/// Polls    ▁▁▂▁▁×▁▁▁▁          (latency; failed polls marked, × no answer)
/// ```
/// Compact on purpose: it sits above the card, in a pane that does not scroll.
enum AgentHealthBlock {
    static func add(_ m: HealthSummary, into out: inout DetailLines, ascii: Bool) {
        out.section("Health, last " + AgentHealthText.span(m.window))
        var latency: String
        if let p50 = m.latencyP50 {
            latency = "p50 " + ViewText.latency(p50) + "  p99 " + (m.latencyP99.map(ViewText.latency) ?? "-")
        } else {
            latency = "no answer"
        }
        latency += ", \(m.polls) poll\(m.polls == 1 ? "" : "s")" + (m.pollsFailed > 0 ? ", \(m.pollsFailed) failed" : "")
        out.field("Latency", latency, m.pollsFailed > 0 ? .warning : .text)
        if let rate = m.successRate {
            out.field("Tasks", AgentHealthText.rate(m.tasksPerMinute) + ", " + ViewText.percent(rate) + " of \(m.finished) completed")
            var others: [String] = []
            if m.failed > 0 { others.append("\(m.failed) failed") }
            if m.canceled > 0 { others.append("\(m.canceled) canceled") }
            if m.rejected > 0 { others.append("\(m.rejected) rejected") }
            if !others.isEmpty { out.field("", others.joined(separator: ", "), .error) }
        } else {
            out.field("Tasks", "none finished", .dim)
        }
        if let p50 = m.durationP50 {
            out.field("Duration", "p50 " + ViewText.preciseDuration(p50) + "  p95 " + (m.durationP95.map(ViewText.preciseDuration) ?? "-"))
        }
        if !m.skills.isEmpty {
            var skills = m.skills.prefix(8).map { "#" + ViewText.agent($0.skill) + " \($0.count)" }
            let hidden = m.skills.dropFirst(8).reduce(m.otherSkills) { $0 + $1.count }
            if hidden > 0 { skills.append("others \(hidden)") }
            out.field("Skills", skills.joined(separator: "  "))
        }
        chart("Ok", AgentHealthText.okPulse(m, ascii: ascii), into: &out)
        chart("Failed", AgentHealthText.failedPulse(m, ascii: ascii), into: &out)
        chart("Polls", AgentHealthText.latencyPulse(m, ascii: ascii), into: &out)
    }

    /// A labelled sparkline, the newest interval on the right of the window's full width (or of
    /// the pane, when narrower).
    static func chart(_ label: String, _ line: Sparkline, into out: inout DetailLines) {
        let labelWidth = 9
        let width = min(line.values.count, max(1, out.width - labelWidth))
        let spans = line.spans(width: width)
        let pad = String(repeating: " ", count: max(0, width - spans.width))
        out.add([Span(TextLayout.pad(label, to: labelWidth), style: Style(.dim)), Span(pad)] + spans)
    }
}
