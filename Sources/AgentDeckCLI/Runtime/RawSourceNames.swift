/// The sources of the payloads `RawStore` holds ("list", "event", "result", or whatever a replayed
/// journal names), each kept once and named by a 2-byte code in the payloads' records.
///
/// A name is dropped when no record uses it any more, so a journal naming a new source on every
/// line costs what its held payloads use, not one entry per line ever read.
struct RawSourceNames {
    /// The common names: always known, never dropped.
    static let builtIn = ["list", "event", "result"]
    /// The name given to a payload when 65,535 other names are in use (a journal made up to fill this).
    static let overflowName = "(too many sources)"

    private var names: [String] = Self.builtIn
    private var codes: [String: UInt16] = Dictionary(
        uniqueKeysWithValues: Self.builtIn.enumerated().map { ($0.element, UInt16($0.offset)) })
    /// Records using each code (not counted for the built-in ones).
    private var users: [Int] = Array(repeating: 0, count: Self.builtIn.count)
    /// Codes whose name was dropped, to be given to the next new name.
    private var unused: [UInt16] = []

    /// Names with a code (for tests: bounded by the names in use).
    var count: Int { names.count - unused.count }

    /// The code of `name`, counting one more record that uses it (`release` when the record goes).
    mutating func use(_ name: String) -> UInt16 {
        let code = codes[name] ?? introduce(name)
        if Int(code) >= Self.builtIn.count { users[Int(code)] += 1 }
        return code
    }

    /// The code `name` has now, if any (no record counted).
    func code(of name: String) -> UInt16? { codes[name] }

    func name(_ code: UInt16) -> String {
        names.indices.contains(Int(code)) ? names[Int(code)] : Self.overflowName
    }

    /// A record using `code` is gone.
    mutating func release(_ code: UInt16) {
        let index = Int(code)
        guard index >= Self.builtIn.count, users.indices.contains(index), users[index] > 0 else { return }
        users[index] -= 1
        guard users[index] == 0 else { return }
        codes.removeValue(forKey: names[index])
        names[index] = ""
        unused.append(code)
    }

    private mutating func introduce(_ name: String) -> UInt16 {
        if let code = unused.popLast() {
            names[Int(code)] = name
            codes[name] = code
            return code
        }
        guard names.count < Int(UInt16.max) else { return introduceOverflow() }
        let code = UInt16(names.count)
        names.append(name)
        users.append(0)
        codes[name] = code
        return code
    }

    /// Every code is taken: the overflow name gets the last one (2¹⁶ − 1), kept while used.
    private mutating func introduceOverflow() -> UInt16 {
        if let code = codes[Self.overflowName] { return code }
        let code = UInt16.max
        names.append(Self.overflowName)
        users.append(0)
        codes[Self.overflowName] = code
        return code
    }
}
