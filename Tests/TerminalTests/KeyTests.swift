import CNcursesw
import Deck
import Testing
@testable import Terminal

@Suite("Keys")
struct KeyTests {
    @Test("descriptions read the way help shows them")
    func descriptions() {
        #expect(Key.backTab.description == "Shift-Tab")
        #expect(Key.pageUp.description == "PgUp")
        #expect(Key.pageDown.description == "PgDn")
        #expect(Key.ctrl("c").description == "^C")
        #expect(Key.ctrl(" ").description == "^Space")
        #expect(Key.char(" ").description == "Space")
        #expect(Key.char("q").description == "q")
        #expect(Key.f(5).description == "F5")
        #expect(Key.escape.description == "Esc")
        #expect(Key.unknown(999).description == "Key(999)")
    }

    @Test("parsing reads descriptions back", arguments: [
        Key.char("q"), .char(" "), .char("日"), .enter, .escape, .tab, .backTab, .backspace, .delete, .insert,
        .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .f(1), .f(12), .ctrl("c"), .ctrl(" "), .resize,
    ])
    func roundTrip(key: Key) {
        #expect(Key(parsing: key.description) == key)
    }

    @Test("parsing accepts common spellings and rejects nonsense")
    func parsingVariants() {
        #expect(Key(parsing: "C-x") == .ctrl("x"))
        #expect(Key(parsing: "Ctrl-X") == .ctrl("x"))
        #expect(Key(parsing: "pagedown") == .pageDown)
        #expect(Key(parsing: "Return") == .enter)
        #expect(Key(parsing: "F0") == nil)
        #expect(Key(parsing: "^") == .char("^"))
        #expect(Key(parsing: "^ab") == nil)
        #expect(Key(parsing: "hyper") == nil)
    }
}

@Suite("KeyDecoder")
struct KeyDecoderTests {
    @Test("function key codes", arguments: [
        (KEY_UP, Key.up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
        (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown), (KEY_HOME, .home), (KEY_END, .end),
        (KEY_BTAB, .backTab), (KEY_DC, .delete), (KEY_IC, .insert), (KEY_BACKSPACE, .backspace),
        (KEY_ENTER, .enter), (KEY_RESIZE, .resize),
        (agentdeck_key_f(1), .f(1)), (agentdeck_key_f(12), .f(12)), (agentdeck_key_f(63), .f(63)),
    ])
    func functionKeys(code: Int32, key: Key) {
        #expect(KeyDecoder.decode(status: KEY_CODE_YES, value: UInt32(code)) == key)
    }

    @Test("characters and control characters", arguments: [
        (UInt32(0x71), Key.char("q")), (0x20, .char(" ")), (0x65E5, .char("日")), (0x1F600, .char("😀")),
        (0x0D, .enter), (0x0A, .enter), (0x09, .tab), (0x1B, .escape), (0x7F, .backspace), (0x08, .backspace),
        (0x03, .ctrl("c")), (0x01, .ctrl("a")), (0x1A, .ctrl("z")), (0x00, .ctrl(" ")), (0x1F, .ctrl("_")),
    ])
    func characters(value: UInt32, key: Key) {
        #expect(KeyDecoder.decode(status: OK, value: value) == key)
    }

    @Test("nothing for ERR, C1 controls and invalid scalars; unknown codes are kept")
    func nothing() {
        #expect(KeyDecoder.decode(status: ERR, value: 0x71) == nil)
        #expect(KeyDecoder.decode(status: OK, value: 0x9B) == nil)
        #expect(KeyDecoder.decode(status: OK, value: 0xD800) == nil)
        #expect(KeyDecoder.decode(status: KEY_CODE_YES, value: UInt32(KEY_MOUSE)) == .unknown(Int(KEY_MOUSE)))
    }
}
