import Foundation
import Testing

@testable import A2A

@Suite struct TimestampTests {
    /// 2026-11-27T03:10:43Z
    let base = 1_795_749_043.0

    @Test(arguments: [
        ("2026-11-27T03:10:43Z", 0.0), ("2026-11-27T03:10:43.7Z", 0.7), ("2026-11-27T03:10:43.769Z", 0.769),
        ("2026-11-27T03:10:43.769016Z", 0.769016), ("2026-11-27T03:10:43.769016123Z", 0.769016123),
        ("2026-11-27T03:10:43.769016123456Z", 0.769016123), ("2026-11-27T03:10:43.769016+00:00", 0.769016),
        ("2026-11-27T03:10:43.769016", 0.769016), ("2026-11-27T03:10:43", 0), ("2026-11-27t03:10:43z", 0),
        ("2026-11-27 03:10:43.5", 0.5), ("2026-11-27T05:10:43+02:00", 0), ("2026-11-26T21:40:43-0530", 0),
        ("2026-11-27T03:10:43+00", 0), ("2026-11-27T03:10:43,25Z", 0.25),
    ])
    func spellings(text: String, fraction: Double) throws {
        let date = try #require(Timestamp.parse(text))
        #expect(abs(date.timeIntervalSince1970 - (base + fraction)) < 1e-6, "\(text)")
    }

    @Test func dateOnlyAndMinutes() throws {
        #expect(Timestamp.parse("1970-01-01")?.timeIntervalSince1970 == 0)
        #expect(Timestamp.parse("2000-02-29T12:30Z")?.timeIntervalSince1970 == 951_827_400)
    }

    @Test(arguments: [
        "", "yesterday", "2026-13-01T00:00:00Z", "2026-11-27T03:10:43.Z", "2026-11-27T03:10:43Zjunk",
        "2026-11-27T03:10:43+0", "26-11-27T03:10:43Z", "2026-11-27T3:10:43Z", "2026-11-27T03:61:00Z", "1795749043",
    ])
    func rejected(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func formatRoundTrips() throws {
        let date = Date(timeIntervalSince1970: base + 0.769)
        #expect(Timestamp.format(date) == "2026-11-27T03:10:43.769Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59.000Z")
        let parsed = try #require(Timestamp.parse(Timestamp.format(date)))
        #expect(abs(parsed.timeIntervalSince1970 - date.timeIntervalSince1970) < 0.001)
    }

    @Test func agreesWithFoundationOnCaptureTimestamps() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for text in ["2026-11-27T03:10:43.769Z", "2024-02-29T23:59:59.001Z", "1999-12-31T00:00:00.500Z"] {
            let ours = try #require(Timestamp.parse(text))
            let theirs = try #require(formatter.date(from: text))
            #expect(abs(ours.timeIntervalSince(theirs)) < 1e-6)
        }
    }
}
