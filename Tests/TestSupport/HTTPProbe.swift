import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A plain HTTP request for tests that only need to look at a peer (status, headers, body).
/// The product's own HTTP goes through the libcurl Wire layer; this is deliberately separate.
public enum HTTPProbe {
    public struct Response: Sendable {
        public let status: Int
        public let headers: [String: String]  // names lowercased
        public let body: Data

        public var text: String { String(decoding: body, as: UTF8.self) }

        /// The body as a JSON object, or nil when it is not one.
        public var jsonObject: [String: Any]? {
            (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
        }
    }

    public static func get(_ url: String, headers: [String: String] = [:]) async throws -> Response {
        try await send(url, method: "GET", headers: headers, body: nil)
    }

    public static func post(_ url: String, json: String, headers: [String: String] = [:]) async throws -> Response {
        var all = headers
        all["Content-Type"] = "application/json"
        return try await send(url, method: "POST", headers: all, body: Data(json.utf8))
    }

    private static func send(_ url: String, method: String, headers: [String: String], body: Data?) async throws -> Response {
        guard let target = URL(string: url) else { throw URLError(.badURL) }
        var request = URLRequest(url: target, timeoutInterval: 20)
        request.httpMethod = method
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        var lowered: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { lowered[name.lowercased()] = value }
        }
        return Response(status: http.statusCode, headers: lowered, body: data)
    }
}
