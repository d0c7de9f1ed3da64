import CNcursesw
import Deck
import Screen
#if canImport(Glibc)
import Glibc
#endif

/// Shows cell buffers on a terminal through ncursesw, and reads keys.
///
/// Owns ncurses (global state): create one at a time, use it from one thread, and `close()`
/// it (or `abandon()` it after a hangup) on every exit path.
///
/// Every lead cell is drawn with `mvwadd_wch` at its own position, so a character whose width
/// the terminal sees differently can never shift the rest of the row; one `doupdate` per frame
/// lets ncurses send only what changed.
public final class NcursesBackend {
    public struct Options: Sendable {
        /// The terminal type; nil reads TERM.
        public var terminalType: String?
        /// The locale to set first; "" takes it from the environment (LANG, LC_*).
        public var locale: String
        /// How long ncurses waits after ESC for the rest of an escape sequence.
        public var escapeDelayMilliseconds: Int32
        /// Report clicks and the wheel as `Key.mouse` (takes the terminal's own selection away).
        public var mouse: Bool

        public init(terminalType: String? = nil, locale: String = "", escapeDelayMilliseconds: Int32 = 25, mouse: Bool = false) {
            self.terminalType = terminalType
            self.locale = locale
            self.escapeDelayMilliseconds = escapeDelayMilliseconds
            self.mouse = mouse
        }
    }

    public private(set) var width: Int
    public private(set) var height: Int
    /// Whether the locale's codeset is UTF-8; if not, views should pick ASCII box drawing.
    public let isUTF8: Bool
    /// The file descriptor keys arrive on (poll it for input).
    public let inputFD: Int32
    public private(set) var mapping: ColorMapping
    public private(set) var pairs: ColorPairs

    public var theme: Theme {
        didSet { resetStyles() }
    }

    /// The theme actually drawn: on a terminal without colours a colour theme would lose
    /// things only colour marks (the default theme's selection is black on cyan), so the
    /// monochrome theme, built from attributes alone, stands in.
    public var effectiveTheme: Theme {
        hasColors || !theme.usesColor ? theme : .monochrome
    }

    private let screen: OpaquePointer
    private let outputFD: Int32
    private let hasColors: Bool
    private var looks: [Style: (attributes: attr_t, pair: Int32)] = [:]
    private var isOpen = true

    /// Opens the controlling terminal on stdin/stdout, with a clear error instead of ncurses'
    /// exit when they are not a terminal or TERM is unknown.
    public static func openInteractive(theme: Theme, options: Options = Options()) throws(TerminalError) -> NcursesBackend {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        guard let output = agentdeck_stdout(), let input = agentdeck_stdin() else { throw .notATerminal }
        return try NcursesBackend(theme: theme, output: output, input: input, options: options)
    }

    /// Opens ncurses on any pair of streams: a terminal, or for tests `/dev/null` and a pipe
    /// with an explicit `terminalType`.
    public init(theme: Theme, output: UnsafeMutablePointer<FILE>, input: UnsafeMutablePointer<FILE>,
                options: Options = Options()) throws(TerminalError) {
        // Before anything else, or CJK vanishes and boxes turn into "lqqk".
        setlocale(LC_ALL, options.locale)
        isUTF8 = agentdeck_codeset().map { String(cString: $0) } == "UTF-8"
        let type = options.terminalType ?? getenv("TERM").map { String(cString: $0) }
        // newterm, never initscr: initscr exits the process on an unknown TERM.
        let created: OpaquePointer? = if let type { type.withCString { newterm($0, output, input) } } else { nil }
        guard let created else { throw .unknownTerminal(type) }
        screen = created
        set_term(screen)
        inputFD = fileno(input)
        outputFD = fileno(output)
        self.theme = theme

        let window = agentdeck_stdscr()
        cbreak()          // keys arrive one by one; Ctrl-C still raises SIGINT
        noecho()
        nonl()
        keypad(window, true)
        nodelay(window, true)  // the run loop polls; reads never block
        intrflush(window, false)
        set_escdelay(options.escapeDelayMilliseconds)
        if options.mouse { _ = agentdeck_enable_mouse() }
        hasColors = has_colors()
        var defaultColors = false
        if hasColors {
            start_color()
            defaultColors = use_default_colors() == OK
        }
        mapping = ColorMapping(colorCount: hasColors ? Int(agentdeck_colors()) : 0, hasDefaultColors: defaultColors)
        pairs = ColorPairs(limit: hasColors ? Int(agentdeck_color_pairs()) : 0)
        width = Int(getmaxx(window))
        height = Int(getmaxy(window))
        curs_set(0)
    }

    /// Re-reads the size from the kernel after SIGWINCH and tells ncurses. True if it changed.
    @discardableResult
    public func refreshSize() -> Bool {
        guard isOpen else { return false }
        var rows: Int32 = 0
        var columns: Int32 = 0
        if agentdeck_terminal_size(outputFD, &rows, &columns) == 0, rows != height || columns != width {
            resizeterm(rows, columns)
        }
        let window = agentdeck_stdscr()
        let newWidth = Int(getmaxx(window))
        let newHeight = Int(getmaxy(window))
        guard newWidth != width || newHeight != height else { return false }
        width = newWidth
        height = newHeight
        clearok(agentdeck_curscr(), true)  // the terminal may have reflowed: repaint everything
        return true
    }

    /// Sends the whole next frame instead of the difference (e.g. on Ctrl-L).
    public func forceFullRepaint() {
        guard isOpen else { return }
        clearok(agentdeck_curscr(), true)
    }

    /// Draws a frame. Cells outside the screen are ignored; the cursor is shown at `cursor`
    /// (for a prompt) or hidden when nil.
    public func draw(_ buffer: CellBuffer, cursor: (x: Int, y: Int)?) {
        guard isOpen else { return }
        let window = agentdeck_stdscr()
        let rows = min(buffer.height, height)
        let columns = min(buffer.width, width)
        var cell = cchar_t()
        var text = [wchar_t](repeating: 0, count: Cell.maxCombiningMarks + 2)
        // Neighbouring cells mostly share a style: compare instead of hashing every cell.
        var lastStyle = Style.plain
        var lastLook = look(for: lastStyle)
        buffer.cells.withUnsafeBufferPointer { cells in
            for y in 0..<rows {
                let rowStart = y * buffer.width
                for x in 0..<columns {
                    let source = cells[rowStart + x]
                    if source.isContinuation { continue }
                    if !(source.style == lastStyle) {
                        lastLook = look(for: source.style)
                        lastStyle = source.style
                    }
                    var count = 0
                    if source.width == 2 && x + 1 >= columns {
                        text[0] = 0x20  // half a wide character would not fit
                        count = 1
                    } else {
                        for scalar in source.text.unicodeScalars where count <= Cell.maxCombiningMarks {
                            text[count] = NcursesBackend.drawable(scalar, isBase: count == 0)
                            if text[count] != 0 { count += 1 }
                        }
                    }
                    if count == 0 {
                        text[0] = 0x20
                        count = 1
                    }
                    text[count] = 0
                    if agentdeck_setcchar(&cell, text, lastLook.attributes, lastLook.pair) != OK {
                        text[1] = 0  // ncurses refused the marks: draw the base character alone
                        _ = agentdeck_setcchar(&cell, text, lastLook.attributes, lastLook.pair)
                    }
                    mvwadd_wch(window, Int32(y), Int32(x), &cell)
                }
            }
        }
        if let cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < width, cursor.y < height {
            curs_set(1)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
            leaveok(window, false)
        } else {
            curs_set(0)
            leaveok(window, true)
        }
        wnoutrefresh(window)
        doupdate()
    }

    /// The character to hand to ncurses for a scalar of a cell, 0 to leave it out. Cells built
    /// by hand (`Cell("...")`) skip `CellBuffer.put`'s checks; a control given to ncurses would be
    /// drawn as two columns (`^[`) and shift the row.
    static func drawable(_ scalar: Unicode.Scalar, isBase: Bool) -> wchar_t {
        let value = scalar.value
        if value >= 0x20 && value < 0x7F { return wchar_t(value) }
        if isBase {
            return wchar_t(bitPattern: (TextSanitizer.placeholder(for: scalar) ?? scalar).value)
        }
        return CellWidth.of(scalar) == 0 ? wchar_t(bitPattern: value) : 0
    }

    /// Every key waiting, without blocking.
    public func readKeys(limit: Int = 4096) -> [Key] {
        guard isOpen else { return [] }
        let window = agentdeck_stdscr()
        var keys: [Key] = []
        var value: wint_t = 0
        while keys.count < limit {
            let status = wget_wch(window, &value)
            if status == ERR { break }
            if status == KEY_CODE_YES, Int32(bitPattern: UInt32(value)) == KEY_MOUSE {
                if let mouse = Self.readMouse() { keys.append(mouse) }
                continue
            }
            if let key = KeyDecoder.decode(status: status, value: UInt32(value)) { keys.append(key) }
        }
        return keys
    }

    /// The mouse event ncurses holds after `KEY_MOUSE`, if it is one we use.
    private static func readMouse() -> Key? {
        var x: Int32 = 0
        var y: Int32 = 0
        switch agentdeck_mouse_event(&x, &y) {
        case 1: return .mouse(MouseEvent(.press, x: Int(x), y: Int(y)))
        case 4: return .mouse(MouseEvent(.wheelUp, x: Int(x), y: Int(y)))
        case 5: return .mouse(MouseEvent(.wheelDown, x: Int(x), y: Int(y)))
        default: return nil
        }
    }

    /// What ncurses holds at (x, y): text, attributes and colour pair (for tests and debugging).
    public func inspect(x: Int, y: Int) -> (text: String, attributes: attr_t, pair: Int32)? {
        guard isOpen else { return nil }
        var cell = cchar_t()
        guard mvwin_wch(agentdeck_stdscr(), Int32(y), Int32(x), &cell) != ERR else { return nil }
        var text = [wchar_t](repeating: 0, count: 16)
        var attributes: attr_t = 0
        var pair: Int32 = 0
        guard agentdeck_getcchar(&cell, &text, &attributes, &pair) != ERR else { return nil }
        var scalars = String.UnicodeScalarView()
        for value in text.prefix(while: { $0 != 0 }) {
            if let scalar = Unicode.Scalar(UInt32(bitPattern: value)) { scalars.append(scalar) }
        }
        return (String(scalars), attributes, pair)
    }

    /// The ncurses attributes and colour pair a style is drawn with, allocating the pair
    /// the first time a colour combination is used.
    public func look(for style: Style) -> (attributes: attr_t, pair: Int32) {
        if let cached = looks[style] { return cached }
        var resolved = effectiveTheme.resolve(style)
        let foreground = hasColors ? mapping.foreground(for: resolved.foreground) : (number: -1, attributes: [])
        resolved.attributes.formUnion(foreground.attributes)
        var attributes = agentdeck_a_normal()
        if resolved.attributes.contains(.bold) { attributes |= agentdeck_a_bold() }
        if resolved.attributes.contains(.dim) { attributes |= agentdeck_a_dim() }
        if resolved.attributes.contains(.reverse) { attributes |= agentdeck_a_reverse() }
        if resolved.attributes.contains(.underline) { attributes |= agentdeck_a_underline() }
        if resolved.attributes.contains(.italic) { attributes |= agentdeck_a_italic() }
        var pair: Int32 = 0
        if hasColors {
            let combination = ColorPairs.Combination(
                foreground: foreground.number,
                background: mapping.number(for: resolved.background, isForeground: false))
            let allocation = pairs.pair(for: combination)
            if allocation.isNew {
                init_extended_pair(Int32(allocation.pair), Int32(combination.foreground), Int32(combination.background))
            }
            pair = Int32(allocation.pair)
        }
        looks[style] = (attributes, pair)
        return (attributes, pair)
    }

    /// Restores the terminal (`endwin`) and frees ncurses. Safe to call twice.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        curs_set(1)
        endwin()
        restoredTerminal = true
        delscreen(screen)
    }

    /// Forgets the terminal without writing to it: after a hangup the tty is gone, and any
    /// write could block or raise SIGHUP/SIGPIPE again.
    public func abandon() {
        isOpen = false
    }

    public var isClosed: Bool { !isOpen }
    /// Whether `close()` gave the terminal back (`endwin`); false after `abandon()`.
    public private(set) var restoredTerminal = false

    private func resetStyles() {
        looks = [:]
        pairs.reset()
    }

    deinit {
        close()
    }
}
