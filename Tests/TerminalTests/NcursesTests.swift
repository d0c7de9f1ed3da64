import CNcursesw
import CShim
import Deck
import Screen
import Testing
@testable import Terminal
#if canImport(Glibc)
import Glibc
#endif

/// A real ncursesw screen on `/dev/null` with keys fed through a pipe: no terminal needed.
final class HeadlessTerminal {
    let backend: NcursesBackend
    let output: UnsafeMutablePointer<FILE>
    let input: UnsafeMutablePointer<FILE>
    /// Write keys here; they arrive on the backend's input.
    private(set) var keyWriter: Int32

    init(theme: Theme = .default, width: Int32 = 80, height: Int32 = 24, terminalType: String = "xterm-256color") throws {
        var fds: [Int32] = [-1, -1]
        try #require(pipe(&fds) == 0)
        output = try #require(fopen("/dev/null", "w"))
        input = try #require(fdopen(fds[0], "r"))
        keyWriter = fds[1]
        backend = try NcursesBackend(theme: theme, output: output, input: input,
                                     options: .init(terminalType: terminalType, locale: "C.UTF-8"))
        resizeterm(height, width)  // LINES/COLUMNS in the environment must not change the tests
        backend.refreshSize()
        _ = backend.readKeys()     // resizeterm queued a KEY_RESIZE
    }

    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(keyWriter, $0.baseAddress, $0.count) }
    }

    func hangUp() {
        close(keyWriter)
        keyWriter = -1
    }

    deinit {
        backend.close()
        fclose(output)
        fclose(input)
        if keyWriter >= 0 { close(keyWriter) }
    }
}

/// ncurses is process-wide state: everything that opens a screen runs one at a time.
@Suite("ncurses", .serialized)
struct NcursesTests {
    @Test("CJK, styles and placeholders drawn cell by cell read back from ncurses")
    func drawAndReadBack() throws {
        let terminal = try HeadlessTerminal()
        let backend = terminal.backend
        #expect(backend.isUTF8)
        #expect(backend.width == 80 && backend.height == 24)
        var buffer = CellBuffer(width: backend.width, height: backend.height)
        buffer.put("日本語 ok", x: 0, y: 0, style: Style(.error))
        buffer.put("e\u{0301}|\u{1B}", x: 0, y: 1)
        buffer.put("漢", x: 79, y: 2)  // does not fit: a space
        buffer.put("x", x: 79, y: 3, style: Style(.selection))
        backend.draw(buffer, cursor: nil)

        #expect(backend.inspect(x: 0, y: 0)?.text == "日")
        #expect(backend.inspect(x: 2, y: 0)?.text == "本")
        #expect(backend.inspect(x: 4, y: 0)?.text == "語")
        #expect(backend.inspect(x: 7, y: 0)?.text == "o")  // columns did not shift after wide characters
        let error = try #require(backend.inspect(x: 0, y: 0))
        #expect(error.attributes & agentdeck_a_bold() != 0)
        #expect(backend.inspect(x: 0, y: 1)?.text == "e\u{0301}")
        #expect(backend.inspect(x: 1, y: 1)?.text == "|")
        #expect(backend.inspect(x: 2, y: 1)?.text == "␛")
        #expect(backend.inspect(x: 79, y: 2)?.text == " ")
        #expect(backend.inspect(x: 79, y: 3)?.text == "x")
    }

    @Test("hand-made cells with controls or spacing marks cannot shift a row")
    func handMadeCells() throws {
        let terminal = try HeadlessTerminal()
        let backend = terminal.backend
        var buffer = CellBuffer(width: backend.width, height: backend.height)
        buffer.set(Cell("\u{1B}"), x: 0, y: 0)
        buffer.set(Cell("a\u{1B}b"), x: 1, y: 0)   // a base and two characters that are not marks
        buffer.set(Cell("z"), x: 2, y: 0)
        backend.draw(buffer, cursor: nil)
        #expect(backend.inspect(x: 0, y: 0)?.text == "␛")
        #expect(backend.inspect(x: 1, y: 0)?.text == "a")
        #expect(backend.inspect(x: 2, y: 0)?.text == "z")
    }

    @Test("colour pairs are allocated lazily with the theme's colours")
    func colourPairs() throws {
        let terminal = try HeadlessTerminal()
        let backend = terminal.backend
        #expect(backend.mapping.colorCount == 256)
        var buffer = CellBuffer(width: backend.width, height: backend.height)
        buffer.put("plain", x: 0, y: 0)
        buffer.put("failed", x: 0, y: 1, style: Style(.stateFailed))
        buffer.put("error", x: 0, y: 2, style: Style(.error))       // same colours as stateFailed
        buffer.put("sel", x: 0, y: 3, style: Style(.selection))
        buffer.put("rgb", x: 0, y: 4, style: Style(.text, foreground: .rgb(red: 0xFF, green: 0x87, blue: 0)))
        backend.draw(buffer, cursor: nil)

        #expect(backend.inspect(x: 0, y: 0)?.pair == 0)
        let failed = try #require(backend.inspect(x: 0, y: 1)?.pair)
        #expect(failed > 0)
        #expect(backend.inspect(x: 0, y: 2)?.pair == failed)
        #expect(backend.pairs.count == 3)
        func colours(of pair: Int32) -> (Int32, Int32) {
            var foreground: Int32 = 0
            var background: Int32 = 0
            extended_pair_content(pair, &foreground, &background)
            return (foreground, background)
        }
        #expect(colours(of: failed) == (9, -1))
        #expect(colours(of: try #require(backend.inspect(x: 0, y: 3)?.pair)) == (0, 6))
        #expect(colours(of: try #require(backend.inspect(x: 0, y: 4)?.pair)) == (208, -1))
    }

    @Test("an 8-colour terminal shows bright black as dim white, not black on black")
    func eightColours() throws {
        let terminal = try HeadlessTerminal(terminalType: "xterm")
        let backend = terminal.backend
        #expect(backend.mapping.colorCount == 8)
        var buffer = CellBuffer(width: backend.width, height: backend.height)
        buffer.put("dim", x: 0, y: 0, style: Style(.dim))
        buffer.put("error", x: 0, y: 1, style: Style(.error))
        backend.draw(buffer, cursor: nil)
        let dim = try #require(backend.inspect(x: 0, y: 0))
        #expect(dim.attributes & agentdeck_a_dim() != 0)
        var foreground: Int32 = 0
        var background: Int32 = 0
        extended_pair_content(dim.pair, &foreground, &background)
        #expect(foreground == 7 && background == -1)
        let error = try #require(backend.inspect(x: 0, y: 1))
        extended_pair_content(error.pair, &foreground, &background)
        #expect(foreground == 1)
        #expect(error.attributes & agentdeck_a_bold() != 0)
    }

    @Test("a terminal without colours draws the monochrome theme: selection stays visible")
    func noColours() throws {
        let terminal = try HeadlessTerminal(terminalType: "vt100")
        let backend = terminal.backend
        #expect(backend.mapping.colorCount == 0)
        #expect(backend.effectiveTheme == .monochrome)
        var buffer = CellBuffer(width: backend.width, height: backend.height)
        buffer.put("selected", x: 0, y: 0, style: Style(.selection))
        backend.draw(buffer, cursor: nil)
        let selected = try #require(backend.inspect(x: 0, y: 0))
        #expect(selected.attributes & agentdeck_a_reverse() != 0)
        #expect(selected.pair == 0)
    }

    @Test("monochrome draws attributes only, never a colour pair")
    func monochrome() throws {
        let terminal = try HeadlessTerminal(theme: .monochrome)
        let backend = terminal.backend
        var buffer = CellBuffer(width: backend.width, height: backend.height)
        buffer.put("failed", x: 0, y: 0, style: Style(.stateFailed, foreground: .ansi(.red)))
        buffer.put("selected", x: 0, y: 1, style: Style(.selection))
        backend.draw(buffer, cursor: nil)
        let failed = try #require(backend.inspect(x: 0, y: 0))
        #expect(failed.pair == 0)
        #expect(failed.attributes & agentdeck_a_bold() != 0)
        #expect(failed.attributes & agentdeck_a_underline() != 0)
        #expect(try #require(backend.inspect(x: 0, y: 1)).attributes & agentdeck_a_reverse() != 0)
    }

    @Test("keys typed into the input decode to Keys")
    func readKeys() throws {
        let terminal = try HeadlessTerminal()
        // keypad mode: xterm sends ESC O A for the up arrow
        terminal.type("q日\u{3}\r\u{1B}OA\t")
        var keys: [Key] = []
        for _ in 0..<10 where keys.count < 6 { keys += terminal.backend.readKeys() }
        #expect(keys == [.char("q"), .char("日"), .ctrl("c"), .enter, .up, .tab])
    }

    @Test("cursor is placed for a prompt")
    func cursor() throws {
        let terminal = try HeadlessTerminal()
        let backend = terminal.backend
        var buffer = CellBuffer(width: backend.width, height: backend.height)
        let prompt = Prompt(label: "> ", text: "日本")
        prompt.render(into: &buffer, area: buffer.area.row(23))
        let position = prompt.cursorPosition(in: buffer.area.row(23))
        backend.draw(buffer, cursor: position)
        #expect(getcury(agentdeck_stdscr()) == 23)
        #expect(getcurx(agentdeck_stdscr()) == 6)
    }
}
