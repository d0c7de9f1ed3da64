#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import Screen

@Suite("CellWidth")
struct CellWidthTests {
    @Test("ASCII, controls, CJK, Hangul, emoji, combining marks")
    func knownWidths() {
        #expect(CellWidth.of("a" as Unicode.Scalar) == 1)
        #expect(CellWidth.of("\u{1B}" as Unicode.Scalar) == -1)
        #expect(CellWidth.of("\u{85}" as Unicode.Scalar) == -1)
        #expect(CellWidth.of("日" as Unicode.Scalar) == 2)
        #expect(CellWidth.of("한" as Unicode.Scalar) == 2)
        #expect(CellWidth.of("Ａ" as Unicode.Scalar) == 2)  // fullwidth A
        #expect(CellWidth.of("😀" as Unicode.Scalar) == 2)
        #expect(CellWidth.of("\u{0301}" as Unicode.Scalar) == 0)  // combining acute
        #expect(CellWidth.of("\u{200B}" as Unicode.Scalar) == 0)  // zero-width space
        #expect(CellWidth.of("\u{1160}" as Unicode.Scalar) == 0)  // Hangul jungseong filler
        #expect(CellWidth.of("\u{00AD}" as Unicode.Scalar) == 1)  // soft hyphen, as glibc
        #expect(CellWidth.of("─" as Unicode.Scalar) == 1)
        #expect(CellWidth.of("\u{E0001}" as Unicode.Scalar) == 0)  // language tag (format)
        #expect(CellWidth.of("\u{0378}" as Unicode.Scalar) == -1)  // unassigned
    }

    @Test("String width counts controls as their one-column placeholder")
    func stringWidth() {
        #expect(CellWidth.of("abc") == 3)
        #expect(CellWidth.of("日本語") == 6)
        #expect(CellWidth.of("e\u{0301}") == 1)
        #expect(CellWidth.of("a\tb") == 3)
        #expect(CellWidth.of("") == 0)
    }

    #if canImport(Glibc)
    /// Every Unicode scalar against glibc's wcwidth in C.UTF-8, the function ncursesw uses.
    /// The table and glibc 2.36 both come from Unicode 14, so no mismatch is accepted; on
    /// another glibc this test lists what differs.
    @Test("agrees with glibc wcwidth over every scalar")
    func matchesGlibc() throws {
        try #require(setlocale(LC_ALL, "C.UTF-8") != nil)
        // Glibc's Swift module hides wcwidth (an X/Open function), so look it up by name.
        let symbol = try #require(dlsym(UnsafeMutableRawPointer(bitPattern: 0), "wcwidth"))
        let wcwidth = unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
        var mismatches: [String] = []
        var checked = 0
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }  // surrogates
            checked += 1
            let expected = Int(wcwidth(Int32(bitPattern: value)))
            let actual = CellWidth.of(scalar)
            if expected != actual && mismatches.count < 20 {
                mismatches.append("U+\(String(value, radix: 16, uppercase: true)): glibc \(expected), ours \(actual)")
            }
        }
        #expect(checked == 0x110000 - 0x800)
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }
    #endif
}
