import Foundation

/// A fresh folder under the system temporary directory, removed by `remove()`.
struct ScratchFolder {
    let path: String

    init(_ label: String = "agentdeck") throws {
        path = NSTemporaryDirectory() + "\(label)-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    func contents(_ name: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path + "/" + name).map(Array.init)
    }

    func text(_ name: String) -> String? { contents(name).map { String(decoding: $0, as: UTF8.self) } }

    var names: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }
}
