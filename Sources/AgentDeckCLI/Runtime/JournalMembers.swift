import A2A

/// The members of a journal object, written straight to the line's bytes: the same rule as
/// `JournalObject` (absent values are left out: nil, false flags, empty lists) without building
/// a tree first. The journal writes one line per message, thousands a second under load.
extension JSONStreamWriter {
    mutating func member(_ name: String, _ value: String) {
        key(name)
        string(value)
    }

    mutating func member(_ name: String, _ value: Double) {
        key(name)
        number(value)
    }

    mutating func member(_ name: String, _ value: JSONValue) {
        key(name)
        self.value(value)
    }

    mutating func optional(_ name: String, _ value: String?) {
        if let value { member(name, value) }
    }

    mutating func optional(_ name: String, _ value: Double?) {
        if let value { member(name, value) }
    }

    mutating func optional(_ name: String, _ value: Int?) {
        if let value { member(name, Double(value)) }
    }

    mutating func optional(_ name: String, _ value: JSONValue?) {
        if let value { member(name, value) }
    }

    /// Written only when true (read back as false when absent).
    mutating func flag(_ name: String, _ value: Bool) {
        if value {
            key(name)
            bool(true)
        }
    }

    /// A member holding an object whose members `body` writes.
    mutating func object(_ name: String, _ body: (inout JSONStreamWriter) -> Void) {
        key(name)
        beginObject()
        body(&self)
        endObject()
    }

    /// An object with one member `name` whose members `body` writes (`{"name":{…}}`).
    mutating func wrapped(_ name: String, _ body: (inout JSONStreamWriter) -> Void) {
        beginObject()
        object(name, body)
        endObject()
    }

    /// A member holding an array, each element written by `element`; left out when `items` is
    /// empty unless `keepEmpty`.
    mutating func array<Items: Collection>(_ name: String, _ items: Items, keepEmpty: Bool = false,
                                           _ element: (inout JSONStreamWriter, Items.Element) -> Void) {
        guard keepEmpty || !items.isEmpty else { return }
        key(name)
        beginArray()
        for item in items { element(&self, item) }
        endArray()
    }

    mutating func strings(_ name: String, _ values: [String]) {
        array(name, values) { out, s in out.string(s) }
    }
}
