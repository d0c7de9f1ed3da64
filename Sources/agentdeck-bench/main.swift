import Foundation

// `agentdeck-bench [ingest|render|memory|polls|deckpolls]…`: each prints one figure per line, `name: value unit`.
// `make bench` runs each in its own process (memory figures must not include the others' heaps).
let benches: [String: () throws -> Void] = [
    "ingest": IngestBench.main,
    "render": RenderBench.main,
    "memory": MemoryBench.main,
    "polls": PollBench.main,
    "deckpolls": DeckPollBench.main,
]
let chosen = CommandLine.arguments.dropFirst().isEmpty ? ["ingest", "render", "memory"] : Array(CommandLine.arguments.dropFirst())
for name in chosen {
    guard let bench = benches[name] else {
        FileHandle.standardError.write(Data("unknown benchmark \(name); known: \(benches.keys.sorted().joined(separator: ", "))\n".utf8))
        exit(2)
    }
    do {
        try bench()
    } catch {
        FileHandle.standardError.write(Data("\(name): \(error)\n".utf8))
        exit(1)
    }
}
