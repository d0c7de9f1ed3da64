import Foundation

/// Turns task events into Server-Sent Events frames the way sse-starlette writes them:
/// CRLF line ends, a blank line after each event, and `: ping - <time>` comments meanwhile.
public enum SSE {
    public static let defaultPingInterval = 15.0

    public static func dataFrame(_ data: String, event: String? = nil) -> String {
        var frame = ""
        if let event { frame += "event: \(event)\r\n" }
        // A payload never holds a raw newline (JSON escapes them): one line, without splitting.
        if !data.utf8.contains(0x0A) { return frame + "data: " + data + "\r\n\r\n" }
        // Split anyway if it does, to stay valid SSE.
        for line in data.split(separator: "\n", omittingEmptySubsequences: false) {
            frame += "data: \(line)\r\n"
        }
        return frame + "\r\n"
    }

    public static func pingFrame(at date: Date = Date()) -> String {
        ": ping - \(Timestamp.ping(date))\r\n\r\n"
    }

    /// Frames for one stream: encode each event; ping every `pingInterval` seconds; finish when
    /// the events finish. If the consumer goes away, the producer stops and unsubscribes.
    /// The last frame of a stream that must end by aborting the connection (`drop=K`).
    public static let abortMarker = "\u{0}abort"

    public static func frames<E: FrameEncoder>(from events: AsyncStream<TaskEvent>, encoder: E,
                                               pingInterval: Double, limit: StreamLimit? = nil) -> AsyncStream<String> {
        let (frames, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(10_000))
        let producer = Task {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    var encoder = encoder
                    var sent = 0
                    // Leaving early unsubscribes from the task; the task itself runs on.
                    func reachedLimit() -> Bool {
                        guard let limit, sent >= limit.events else { return false }
                        if limit.abort { continuation.yield(abortMarker) }
                        return true
                    }
                    if reachedLimit() { return }
                    for await event in events {
                        for frame in encoder.frames(for: event) {
                            continuation.yield(frame)
                            sent += 1
                            if reachedLimit() { return }
                        }
                    }
                }
                if pingInterval > 0 {
                    group.addTask {
                        while true {
                            do { try await Task.sleep(nanoseconds: UInt64(pingInterval * 1_000_000_000)) } catch { return }
                            continuation.yield(pingFrame())
                        }
                    }
                }
                // The first task to end is the event stream (pings never end on their own).
                await group.next()
                group.cancelAll()
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in producer.cancel() }
        return frames
    }

    /// A stream holding exactly these frames (errors sent as SSE).
    public static func fixed(_ items: [String]) -> AsyncStream<String> {
        AsyncStream { c in
            for item in items { c.yield(item) }
            c.finish()
        }
    }
}

/// Encodes task events into SSE frames for one dialect; may keep state across events.
public protocol FrameEncoder: Sendable {
    mutating func frames(for event: TaskEvent) -> [String]
}
