/// File names made from what an agent sent (an artifact's name, a part's filename): one plain
/// component, never a path. No `/`, no `..`, no leading dot, no control characters, bounded.
enum SafeFileName {
    static let maxCharacters = 100

    /// A name safe to create inside a folder, or nil when nothing usable is left.
    static func sanitize(_ raw: String) -> String? {
        var out = ""
        var lastWasReplacement = false
        for scalar in raw.unicodeScalars {
            let keep = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || scalar == "." || scalar == "-" || scalar == "_"
            if keep {
                out.unicodeScalars.append(scalar)
                lastWasReplacement = false
            } else if !lastWasReplacement {
                // Slashes, spaces, controls, quotes, bidi overrides: all become one "_".
                out += "_"
                lastWasReplacement = true
            }
        }
        // No hidden files, no "." or "..": strip leading dots (and the separators around them).
        while let first = out.first, first == "." || first == "_" || first == "-" { out.removeFirst() }
        while let last = out.last, last == "." || last == "_" { out.removeLast() }
        if out.count > maxCharacters { out = String(out.prefix(maxCharacters)) }
        while let last = out.last, last == "." { out.removeLast() }
        return out.isEmpty ? nil : out
    }

    /// The extension already in `name` (letters and digits, at most 8), if any.
    static func existingExtension(_ name: String) -> String? {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let ext = name[name.index(after: dot)...]
        guard !ext.isEmpty, ext.count <= 8, ext.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        return String(ext)
    }

    /// `name` with `ext` unless it already ends in an extension.
    static func withExtension(_ name: String, _ ext: String) -> String {
        existingExtension(name) == nil ? "\(name).\(ext)" : name
    }

    /// The first of `name`, `name-2.ext`, `name-3.ext`… that `exists` says is free.
    static func fresh(_ name: String, in directory: String, exists: (String) -> Bool, limit: Int = 10_000) -> String? {
        let base: String
        let suffix: String
        if let ext = existingExtension(name) {
            base = String(name.dropLast(ext.count + 1))
            suffix = "." + ext
        } else {
            base = name
            suffix = ""
        }
        for n in 1...limit {
            let candidate = n == 1 ? name : "\(base)-\(n)\(suffix)"
            let path = directory + "/" + candidate
            if !exists(path) { return path }
        }
        return nil
    }
}
