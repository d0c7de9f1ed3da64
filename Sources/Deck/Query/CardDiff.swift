import A2A

/// One field that differs between two cards, as a dotted path and its old and new values.
public struct CardFieldChange: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable { case added, removed, changed }
    public var path: String
    public var kind: Kind
    public var old: String?
    public var new: String?

    public var description: String {
        switch kind {
        case .added: "+ \(path): \(new ?? "")"
        case .removed: "- \(path): \(old ?? "")"
        case .changed: "~ \(path): \(old ?? "") → \(new ?? "")"
        }
    }
}

/// Field-level differences between two cards. Compares the cards as received (`raw`) when both
/// have it, so fields this build does not model still show; otherwise the normalized fields.
public enum CardDiff {
    /// Bounds the diff of a hostile card that changes everything every poll.
    public static let maxChanges = 200

    public static func diff(_ old: AgentCard, _ new: AgentCard) -> [CardFieldChange] {
        var out: [CardFieldChange] = []
        if !old.raw.isNull, !new.raw.isNull {
            diff(old.raw, new.raw, path: "", into: &out)
        } else {
            diff(normalized(old), normalized(new), path: "", into: &out)
        }
        return out
    }

    /// The modelled fields as JSON, keyed like the card itself.
    static func normalized(_ c: AgentCard) -> JSONValue {
        var o = JSONObject()
        o["name"] = .string(c.name)
        o["description"] = .string(c.description)
        o["version"] = c.version.map(JSONValue.string)
        o["protocolVersion"] = c.protocolVersion.map(JSONValue.string)
        o["url"] = c.url.map(JSONValue.string)
        o["preferredTransport"] = c.preferredTransport.map(JSONValue.string)
        o["supportedInterfaces"] = .array(
            c.interfaces.map { i in
                var io = JSONObject()
                io["url"] = .string(i.url)
                io["protocolBinding"] = .string(i.binding.wireName)
                io["protocolVersion"] = i.protocolVersion.map(JSONValue.string)
                io["tenant"] = i.tenant.map(JSONValue.string)
                return .object(io)
            })
        var caps = JSONObject()
        caps["streaming"] = .bool(c.capabilities.streaming)
        caps["pushNotifications"] = .bool(c.capabilities.pushNotifications)
        caps["stateTransitionHistory"] = .bool(c.capabilities.stateTransitionHistory)
        caps["extendedAgentCard"] = .bool(c.capabilities.extendedAgentCard)
        caps["extensions"] = .array(c.capabilities.extensions.map { .string($0.uri) })
        o["capabilities"] = .object(caps)
        o["defaultInputModes"] = .array(c.defaultInputModes.map(JSONValue.string))
        o["defaultOutputModes"] = .array(c.defaultOutputModes.map(JSONValue.string))
        // Skills keyed by id: a reordering is not a change, a renamed skill is.
        var skills = JSONObject()
        for s in c.skills {
            var so = JSONObject()
            so["name"] = .string(s.name)
            so["description"] = .string(s.description)
            so["tags"] = .array(s.tags.map(JSONValue.string))
            skills[s.id] = .object(so)
        }
        o["skills"] = .object(skills)
        o["securitySchemes"] = .array(c.securitySchemes.map { .string($0.name) })
        o["provider"] = c.provider.map { .string($0.organization) }
        return .object(o)
    }

    static func diff(_ a: JSONValue, _ b: JSONValue, path: String, into out: inout [CardFieldChange]) {
        guard out.count < maxChanges, a != b else { return }
        func sub(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
        switch (a, b) {
        case (.object(let oa), .object(let ob)):
            for (key, va) in oa.pairs {
                if let vb = ob[key] {
                    diff(va, vb, path: sub(key), into: &out)
                } else if out.count < maxChanges {
                    out.append(CardFieldChange(path: sub(key), kind: .removed, old: render(va), new: nil))
                }
            }
            for (key, vb) in ob.pairs where !oa.keys.contains(key) && out.count < maxChanges {
                out.append(CardFieldChange(path: sub(key), kind: .added, old: nil, new: render(vb)))
            }
        case (.array(let xa), .array(let xb)):
            for i in 0..<max(xa.count, xb.count) where out.count < maxChanges {
                let p = "\(path)[\(i)]"
                // Optional(...) spelled out: JSONValue is ExpressibleByNilLiteral, a bare nil is `.null`.
                let va: JSONValue? = i < xa.count ? Optional(xa[i]) : Optional.none
                let vb: JSONValue? = i < xb.count ? Optional(xb[i]) : Optional.none
                if let va, let vb {
                    diff(va, vb, path: p, into: &out)
                } else if let va {
                    out.append(CardFieldChange(path: p, kind: .removed, old: render(va), new: nil))
                } else if let vb {
                    out.append(CardFieldChange(path: p, kind: .added, old: nil, new: render(vb)))
                }
            }
        default:
            out.append(CardFieldChange(path: path.isEmpty ? "(card)" : path, kind: .changed, old: render(a), new: render(b)))
        }
    }

    /// A short one-line rendering of a value for the diff view.
    static func render(_ v: JSONValue) -> String {
        let s: String
        switch v {
        case .null: s = "null"
        case .bool(let b): s = b ? "true" : "false"
        case .number(let n): s = n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .string(let t): s = "\"\(t)\""
        case .array(let a): s = "[\(a.count) items]"
        case .object(let o): s = "{\(o.keys.prefix(4).joined(separator: ", "))\(o.count > 4 ? ", …" : "")}"
        }
        return s.count > 120 ? String(s.prefix(119)) + "…" : s
    }
}
