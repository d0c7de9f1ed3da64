import Deck

/// Where each part of the dashboard goes for a screen size, focus and zoom.
///
/// ```
/// header                                 (1 row)
/// ┌ Agents ────────────────────────────┐ (a third of the body)
/// ┌ Tasks ───────────┐┌ Detail ────────┐ (the rest; side by side from 100 columns,
/// status line                            (1 row)   else the detail replaces the tasks
/// prompt / key hints                     (1 row)   while it has the focus)
/// ```
/// The same split as `UIState.visibleRows`, so Deck's paging matches what is on screen.
public struct DashboardLayout: Hashable, Sendable {
    /// Below this the layout would be garbled: `TooSmallView` is shown instead.
    public static let minimumWidth = 60
    public static let minimumHeight = 15
    /// From this width the detail pane sits beside the tasks pane.
    public static let sideBySideWidth = 100

    public var header: Rect
    public var agents: Rect?
    public var tasks: Rect?
    public var detail: Rect?
    public var statusLine: Rect
    public var bottomLine: Rect
    /// The body (between header and status line), for overlays.
    public var body: Rect

    public static func isTooSmall(width: Int, height: Int) -> Bool {
        width < minimumWidth || height < minimumHeight
    }

    public init(width: Int, height: Int, focus: Pane, zoomed: Bool) {
        let screen = Rect(x: 0, y: 0, width: width, height: height)
        let rows = screen.rows([.fixed(1), .fill(1), .fixed(1), .fixed(1)])
        header = rows[0]
        body = rows[1]
        statusLine = rows[2]
        bottomLine = rows[3]
        if zoomed {
            switch focus {
            case .agents: agents = body
            case .tasks: tasks = body
            case .detail: detail = body
            }
            return
        }
        let agentsHeight = body.height / 3
        let split = body.rows([.fixed(agentsHeight), .fill(1)])
        agents = split[0]
        let lower = split[1]
        if width >= Self.sideBySideWidth {
            let columns = lower.columns([.percent(58), .fill(1)])
            tasks = columns[0]
            detail = columns[1]
        } else if focus == .detail {
            detail = lower
        } else {
            tasks = lower
        }
    }
}
