import Foundation
import Testing
@testable import A2A

/// Runs every case of `Fixtures/sse-conformance.json` (WPT eventsource/format-*, LaunchDarkly
/// sse-contract-tests, a2a-sdk framings) whole and in 1-, 2-, 3- and 7-byte chunks.
struct SSEConformanceTests {
    struct Suite: Decodable {
        let cases: [Case]
    }

    struct Case: Decodable {
        let name: String
        let input: String
        let events: [ExpectedEvent]
        let lastEventId: String?
        let retry: ExpectedRetry?
    }

    struct ExpectedEvent: Decodable {
        let type: String
        let data: String
        let lastEventId: String
    }

    /// `retry` is either a number of milliseconds or the string "unchanged" (the parser's default).
    enum ExpectedRetry: Decodable {
        case milliseconds(Int)
        case unchanged

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Int.self) {
                self = .milliseconds(value)
            } else if try container.decode(String.self) == "unchanged" {
                self = .unchanged
            } else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "bad retry")
            }
        }
    }

    static func loadCases() throws -> [Case] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let data = try Data(contentsOf: url.appendingPathComponent("sse-conformance.json"))
        return try JSONDecoder().decode(Suite.self, from: data).cases
    }

    @Test func fileHoldsFortyCases() throws {
        #expect(try Self.loadCases().count == 40)
    }

    /// `chunkSize` nil feeds the whole input at once.
    @Test(arguments: [nil, 1, 2, 3, 7] as [Int?])
    func everyCase(chunkSize: Int?) throws {
        for testCase in try Self.loadCases() {
            let input = try #require(Data(base64Encoded: testCase.input), "\(testCase.name): bad base64")
            var parser = SSEParser()
            let items = SSETestFeeding.feed(Array(input), chunkSize: chunkSize, into: &parser)

            let events = items.compactMap { item -> SSEEvent? in
                if case .event(let event) = item { return event }
                return nil
            }
            let expected = testCase.events.map {
                SSEEvent(type: $0.type, data: $0.data, lastEventID: $0.lastEventId)
            }
            #expect(events == expected, "\(testCase.name), chunk \(chunkSize.map(String.init) ?? "whole")")
            #expect(!items.contains { if case .error = $0 { return true } else { return false } },
                    "\(testCase.name): no limit errors expected")
            if let lastEventId = testCase.lastEventId {
                #expect(parser.lastEventID == lastEventId, "\(testCase.name): lastEventId")
            }
            switch testCase.retry {
            case .milliseconds(let millis):
                #expect(parser.reconnectionTime == millis, "\(testCase.name): retry")
            case .unchanged:
                #expect(parser.reconnectionTime == nil, "\(testCase.name): retry unchanged")
            case nil:
                break
            }
        }
    }
}

/// Shared helper: feeds bytes in fixed-size chunks (or whole) and collects what the parser reports.
enum SSETestFeeding {
    static func feed(_ bytes: [UInt8], chunkSize: Int?, into parser: inout SSEParser) -> [SSEItem] {
        var items: [SSEItem] = []
        let size = max(1, chunkSize ?? max(bytes.count, 1))
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + size, bytes.count)
            parser.feed(Array(bytes[offset..<end])) { items.append($0) }
            offset = end
        }
        parser.finish()
        return items
    }
}
