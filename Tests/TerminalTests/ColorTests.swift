import Screen
import Testing
@testable import Terminal

@Suite("ColorMapping")
struct ColorMappingTests {
    let xterm256 = ColorMapping(colorCount: 256)

    @Test("default, ANSI and palette colours on a 256-colour terminal")
    func direct() {
        #expect(xterm256.number(for: .default, isForeground: true) == -1)
        #expect(xterm256.number(for: .ansi(.brightRed), isForeground: true) == 9)
        #expect(xterm256.number(for: .indexed(208), isForeground: true) == 208)
    }

    @Test("#rrggbb goes to the nearest cube or grey entry")
    func nearest256() {
        #expect(xterm256.number(for: .rgb(red: 0xFF, green: 0x87, blue: 0x00), isForeground: true) == 208)
        #expect(xterm256.number(for: .rgb(red: 0x5F, green: 0xD7, blue: 0xFF), isForeground: true) == 81)
        #expect(xterm256.number(for: .rgb(red: 0x80, green: 0x80, blue: 0x80), isForeground: true) == 244)
        #expect(xterm256.number(for: .rgb(red: 0, green: 0, blue: 0), isForeground: true) == 16)
        #expect(xterm256.number(for: .rgb(red: 255, green: 255, blue: 255), isForeground: true) == 231)
    }

    @Test("smaller terminals: nearest ANSI colour, bright folded onto the first 8")
    func smaller() {
        let sixteen = ColorMapping(colorCount: 16)
        #expect(sixteen.number(for: .rgb(red: 250, green: 10, blue: 10), isForeground: true) == 9)
        #expect(sixteen.number(for: .indexed(196), isForeground: true) == 9)
        #expect(sixteen.number(for: .indexed(3), isForeground: true) == 3)
        let eight = ColorMapping(colorCount: 8)
        #expect(eight.number(for: .ansi(.brightBlue), isForeground: true) == 4)
        #expect(eight.number(for: .rgb(red: 0, green: 250, blue: 0), isForeground: true) == 2)
    }

    @Test("8 colours: bright foregrounds become bold base colours, bright black dim white")
    func brightOnEightColours() {
        let eight = ColorMapping(colorCount: 8)
        #expect(eight.foreground(for: .ansi(.brightRed)) == (1, .bold))
        #expect(eight.foreground(for: .ansi(.brightBlack)) == (7, .dim))
        #expect(eight.foreground(for: .ansi(.red)) == (1, []))
        #expect(eight.foreground(for: .rgb(red: 255, green: 255, blue: 0)) == (3, .bold))
        #expect(eight.foreground(for: .default) == (-1, []))
        #expect(xterm256.foreground(for: .ansi(.brightBlack)) == (8, []))
    }

    @Test("without default colours the default is white on black")
    func noDefaults() {
        let mapping = ColorMapping(colorCount: 8, hasDefaultColors: false)
        #expect(mapping.number(for: .default, isForeground: true) == 7)
        #expect(mapping.number(for: .default, isForeground: false) == 0)
    }

    @Test("direct-colour terminals get the RGB value itself")
    func directColor() {
        let direct = ColorMapping(colorCount: 1 << 24)
        #expect(direct.number(for: .rgb(red: 0x12, green: 0x34, blue: 0x56), isForeground: true) == 0x123456)
    }
}

@Suite("ColorPairs")
struct ColorPairsTests {
    @Test("pairs are allocated once per combination, starting at 1")
    func allocation() {
        var pairs = ColorPairs(limit: 256)
        let red = ColorPairs.Combination(foreground: 1, background: -1)
        let blue = ColorPairs.Combination(foreground: 4, background: -1)
        #expect(pairs.pair(for: red) == (1, true))
        #expect(pairs.pair(for: blue) == (2, true))
        #expect(pairs.pair(for: red) == (1, false))
        #expect(pairs.count == 2)
    }

    @Test("the terminal default needs no pair; when pairs run out, pair 0 is used")
    func exhaustion() {
        var pairs = ColorPairs(limit: 3)
        #expect(pairs.pair(for: .init(foreground: -1, background: -1)) == (0, false))
        #expect(pairs.pair(for: .init(foreground: 1, background: 0)).pair == 1)
        #expect(pairs.pair(for: .init(foreground: 2, background: 0)).pair == 2)
        #expect(pairs.pair(for: .init(foreground: 3, background: 0)) == (0, false))
        pairs.reset()
        #expect(pairs.pair(for: .init(foreground: 3, background: 0)) == (1, true))
    }

    @Test("run-loop poll timeouts round up and never go negative")
    func pollTimeout() {
        let now = ContinuousClock.now
        #expect(RunLoop<NoApp>.pollTimeout(now: now, until: nil) == -1)
        #expect(RunLoop<NoApp>.pollTimeout(now: now, until: now - .seconds(1)) == 0)
        #expect(RunLoop<NoApp>.pollTimeout(now: now, until: now + .microseconds(1)) == 1)
        #expect(RunLoop<NoApp>.pollTimeout(now: now, until: now + .milliseconds(1500)) == 1500)
    }
}

final class NoApp: TerminalApp {
    func handle(_ event: TerminalEvent) -> AppResponse { .none }
    func render(into buffer: inout CellBuffer) {}
}
