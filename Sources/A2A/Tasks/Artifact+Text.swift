extension Artifact {
    /// The text parts concatenated as sent (chunks carry their own newlines).
    public var text: String {
        parts.reduce(into: "") { result, part in
            if case .text(let t) = part.content { result += t }
        }
    }
}
