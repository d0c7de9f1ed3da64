/// Builds the HTTP request for an `A2ARequest` on an endpoint: JSON-RPC for any dialect, or the
/// HTTP+JSON binding's REST routes.
enum RequestEncoding {
    static func encode(_ request: A2ARequest, for endpoint: Endpoint, rpcID: Int) -> EncodedRequest {
        var headers: [HeaderField] = []
        if endpoint.sendsVersionHeader {
            headers.append(HeaderField("A2A-Version", endpoint.dialect == .v1 ? "1.0" : endpoint.dialect.description))
        }
        switch endpoint.binding {
        case .httpJSON:
            guard let route = RESTBinding.route(request, dialect: endpoint.dialect) else { return unsupported }
            let json = endpoint.dialect == .v1 ? "application/a2a+json" : "application/json"
            if route.body != nil { headers.append(HeaderField("Content-Type", json)) }
            headers.append(HeaderField("Accept", request.isStreaming ? "text/event-stream" : (endpoint.dialect == .v1 ? "application/a2a+json, application/json" : "application/json")))
            return EncodedRequest(
                httpMethod: route.httpMethod, path: route.path, headers: headers, body: route.body?.jsonBytes ?? [],
                rpcMethod: route.httpMethod + " " + route.path)
        case .jsonRPC, .grpc, .other:
            let method: String?
            let params: JSONObject
            switch endpoint.dialect {
            case .v1: method = V1Codec.method(request); params = V1Codec.params(request)
            case .v03: method = V03Codec.method(request); params = V03Codec.params(request)
            case .v01: method = V01Codec.method(request); params = V01Codec.params(request)
            }
            guard let method else { return unsupported }
            headers.append(HeaderField("Content-Type", "application/json"))
            headers.append(HeaderField("Accept", request.isStreaming ? "text/event-stream" : "application/json"))
            return EncodedRequest(
                httpMethod: "POST", path: "", headers: headers,
                body: JSONRPCEnvelope.request(method: method, params: params, id: rpcID), rpcMethod: method)
        }
    }

    /// What `encode` returns for an operation the endpoint does not have: recognisable by its empty
    /// `rpcMethod` (see `A2ACodec.supports`).
    static let unsupported = EncodedRequest(httpMethod: "POST", path: "", headers: [], body: [], rpcMethod: "")
}
