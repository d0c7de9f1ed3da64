import Testing

@testable import Screen

/// The pulse side of `Sparkline`: marked intervals, styled runs, the ASCII fallback.
@Suite("Sparkline pulses")
struct SparklineTests {
    @Test func markedCellsKeepTheirHeightAndTakeTheMarkStyle() {
        let line = Sparkline(values: [2, 0, 4, 1], style: Style(.ok), marked: [false, true, true, false])
        // 0 with a mark: a failure with nothing else in that interval.
        #expect(line.text(width: 4) == "▄×█▂")
        #expect(line.spans(width: 4) == [
            Span("▄", style: Style(.ok)), Span("×█", style: Style(.error).bold), Span("▂", style: Style(.ok)),
        ])
    }

    @Test func marksFollowTheirValuesWhenOnlyTheNewestFit() {
        let line = Sparkline(values: [1, 1, 1, 1, 1], marked: [true, false, false, false, true])
        #expect(line.cells(width: 2).map(\.isMarked) == [false, true])
        // Fewer marks than values: the rest are unmarked.
        #expect(Sparkline(values: [1, 1, 1], marked: [true]).cells(width: 3).map(\.isMarked) == [true, false, false])
    }

    @Test func asciiFallbackUsesPlainCharacters() {
        let line = Sparkline(values: [0, 1, 8, 0], ascii: true, marked: [false, false, true, true])
        #expect(line.text(width: 4) == " _#x")
        #expect(line.text(width: 4).unicodeScalars.allSatisfy { $0.isASCII })
    }

    @Test func renderPutsTheNewestAtTheRightEdgeWithStylesPerCell() {
        var buffer = CellBuffer(width: 6, height: 1)
        buffer.render(Sparkline(values: [8, 8, 8], style: Style(.ok), marked: [false, true, false]), in: buffer.area)
        #expect(buffer.lines() == ["   ███"])
        #expect(buffer[3, 0].style.role == .ok && buffer[4, 0].style.role == .error && buffer[5, 0].style.role == .ok)
        #expect(buffer[4, 0].style.attributes.contains(.bold), "readable without colour")
    }

    @Test func emptyAndDegenerateInputsDrawNothingHarmful() {
        #expect(Sparkline(values: []).text(width: 5) == "")
        #expect(Sparkline(values: [1, 2]).text(width: 0) == "")
        #expect(Sparkline(values: [0, 0, 0]).text(width: 3) == "   ")
        #expect(Sparkline(values: [1, 2], maximum: .infinity).text(width: 2) == "  ")
        #expect(Sparkline(values: [1, 2], maximum: 0).text(width: 2) == "  ")
    }
}
