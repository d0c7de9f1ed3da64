import Screen

/// Agent text on its way to the operator's terminal, with control and bidi characters made visible.
enum Sanitized {
    static func text(_ s: String) -> String {
        // Keep line breaks of our own layout; everything else goes through the screen's sanitizer.
        s.split(separator: "\n", omittingEmptySubsequences: false)
            .map { TextSanitizer.sanitize(String($0)) }
            .joined(separator: "\n")
    }
}
