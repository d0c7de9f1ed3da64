import Deck
import Foundation

/// Where the terminal cursor goes after a frame (the insertion point of an open prompt).
public struct CursorPosition: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

/// The whole dashboard, drawn from the state into a cell buffer: header, agents, tasks,
/// detail, status line and prompt line, plus the help overlay and cancel confirmation.
///
/// Pure and cheap (it runs every frame): only the rows on screen become cells. Cells carry
/// theme roles, never colours; the backend resolves them with the theme in force.
///
/// ```swift
/// var buffer = CellBuffer(width: 120, height: 40)
/// let cursor = DashboardView.render(state, now: now, into: &buffer)
/// ```
public enum DashboardView {
    public struct Options: Hashable, Sendable {
        /// `.ascii` when the locale is not UTF-8.
        public var charset: Box.Charset
        /// `#####.....` progress bars instead of block elements.
        public var asciiBars: Bool
        /// Timeline timestamps are shown in this zone.
        public var timeZone: TimeZone

        public init(charset: Box.Charset = .unicode, asciiBars: Bool = false, timeZone: TimeZone = .current) {
            self.charset = charset
            self.asciiBars = asciiBars
            self.timeZone = timeZone
        }
    }

    /// Draws the state at `now` over the whole buffer; returns the cursor position when a
    /// text prompt is open.
    @discardableResult
    public static func render(_ state: DeckState, now: Date, into buffer: inout CellBuffer, options: Options = Options()) -> CursorPosition? {
        if DashboardLayout.isTooSmall(width: buffer.width, height: buffer.height) {
            buffer.clear()
            TooSmallView.render(readOnly: state.config.readOnly, into: &buffer)
            return nil
        }
        return render(state.viewModel(now: now), now: now, into: &buffer, options: options)
    }

    /// Draws a view model (see `DeckState.viewModel(now:)`).
    @discardableResult
    public static func render(_ model: DeckViewModel, now: Date, into buffer: inout CellBuffer, options: Options = Options()) -> CursorPosition? {
        buffer.clear()
        if DashboardLayout.isTooSmall(width: buffer.width, height: buffer.height) {
            TooSmallView.render(readOnly: model.header.readOnly, into: &buffer)
            return nil
        }
        let layout = DashboardLayout(width: buffer.width, height: buffer.height, focus: model.focus, zoomed: model.zoomed)
        HeaderView.render(model.header, into: &buffer, area: layout.header)
        if let area = layout.agents {
            if model.zoomed {
                // Zoomed agents: the list on top, the selected agent's card below.
                let parts = area.rows([.percent(40), .fill(1)])
                AgentsPaneView.render(model, into: &buffer, area: parts[0], options: options)
                DetailPaneView.render(model, showing: .agent, now: now, into: &buffer, area: parts[1], options: options)
            } else {
                AgentsPaneView.render(model, into: &buffer, area: area, options: options)
            }
        }
        if let area = layout.tasks {
            TasksPaneView.render(model, now: now, into: &buffer, area: area, options: options)
        }
        if let area = layout.detail {
            DetailPaneView.render(model, showing: DetailPaneView.subject(model), now: now, into: &buffer, area: area, options: options)
        }
        StatusBarView.render(model, into: &buffer, area: layout.statusLine)
        let cursor = PromptLineView.render(model, into: &buffer, area: layout.bottomLine)
        if let help = model.help {
            HelpOverlayView.render(help, readOnly: model.header.readOnly, into: &buffer, body: layout.body, options: options)
        } else if let prompt = model.prompt, case .confirmCancel(let key) = prompt.mode {
            ConfirmDialogView.render(key, model: model, into: &buffer, body: layout.body, options: options)
        }
        return cursor
    }
}
