/// Makes untrusted text (anything an agent sends) safe to put into cells.
///
/// ncurses performs `\n`, `\r`, `\t`, `\b` as actions instead of drawing them, and an ESC
/// sequence written to the terminal can move the cursor, change colours, retitle the window or
/// worse. So every control becomes a visible placeholder:
/// - C0 controls become their Unicode Control Picture (`␀`...`␟`, newline shown as `␤`), DEL `␡`;
/// - a whole ESC / CSI / OSC / DCS sequence (7-bit or C1-introduced) becomes one `␛`;
/// - other C1 controls (U+0080-U+009F) and unassigned code points become `�`;
/// - bidi overrides, embeddings, isolates and marks become `⇄`, so text cannot reorder itself;
/// - invalid UTF-8 (when decoding bytes) becomes `�`.
/// Zero-width and combining characters stay: `CellBuffer` attaches them to the previous cell,
/// so they never shift columns.
public enum TextSanitizer {
    public struct Options: Hashable, Sendable {
        public enum LineBreaks: Hashable, Sendable {
            /// Show `␤` (single-line fields: table cells, titles).
            case placeholder
            /// Keep `\n` (CRLF, NEL, U+2028/2029 become `\n` too), for text that `TextLayout.wrap` splits.
            case keep
            /// Replace with a space, for flowing several lines into one.
            case space
        }

        public var lineBreaks: LineBreaks
        /// Nil shows `␉`; a number expands tabs with spaces to the next multiple of it.
        public var tabWidth: Int?
        /// Longer input is cut here and ends with `…`, bounding work on hostile input.
        public var maxScalars: Int

        public init(lineBreaks: LineBreaks = .placeholder, tabWidth: Int? = nil, maxScalars: Int = 65_536) {
            self.lineBreaks = lineBreaks
            self.tabWidth = tabWidth
            self.maxScalars = maxScalars
        }

        /// Every control visible as a placeholder.
        public static let singleLine = Options()
        /// Line breaks kept, tabs expanded to 4-column stops.
        public static let multiLine = Options(lineBreaks: .keep, tabWidth: 4)
    }

    public static let escapePlaceholder: Unicode.Scalar = "\u{241B}"    // ␛
    public static let newlinePlaceholder: Unicode.Scalar = "\u{2424}"   // ␤
    public static let deletePlaceholder: Unicode.Scalar = "\u{2421}"    // ␡
    public static let bidiPlaceholder: Unicode.Scalar = "\u{21C4}"      // ⇄
    public static let replacement: Unicode.Scalar = "\u{FFFD}"          // �

    /// Sanitizes a string.
    public static func sanitize(_ text: String, _ options: Options = .singleLine) -> String {
        if isAlreadySafe(text, options) { return text }
        var scanner = Scanner(scalars: Array(text.unicodeScalars.prefix(options.maxScalars + 1)), options: options)
        return scanner.run()
    }

    /// Decodes bytes as UTF-8 (each invalid sequence becomes `�`) and sanitizes the result.
    public static func sanitize(utf8 bytes: some Collection<UInt8>, _ options: Options = .singleLine) -> String {
        sanitize(String(decoding: bytes, as: UTF8.self), options)
    }

    /// Sanitizes agent text for a multi-line field and wraps it to `width` columns.
    public static func wrapped(_ text: String, width: Int) -> [String] {
        TextLayout.wrap(sanitize(text, .multiLine), width: width)
    }

    /// The visible stand-in for a scalar that must not reach the terminal as is, or nil when
    /// the scalar is safe. Used for single scalars; sequences are handled by `sanitize`.
    public static func placeholder(for scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let value = scalar.value
        switch value {
        case 0x0A, 0x2028, 0x2029: return newlinePlaceholder
        case 0x00..<0x20: return Unicode.Scalar(0x2400 + value)
        case 0x7F: return deletePlaceholder
        case 0x80..<0xA0: return replacement
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return bidiPlaceholder
        default: return CellWidth.of(scalar) < 0 ? replacement : nil
        }
    }

    /// Most text needs no change: one cheap pass proves it (printable ASCII needs no lookup).
    private static func isAlreadySafe(_ text: String, _ options: Options) -> Bool {
        var count = 0
        for scalar in text.unicodeScalars {
            count += 1
            if count > options.maxScalars { return false }
            let value = scalar.value
            if value >= 0x20 && value < 0x7F { continue }
            if value < 0xA0 || value == 0x2028 || value == 0x2029 { return false }
            if placeholder(for: scalar) != nil { return false }
        }
        return true
    }

    /// A single pass over the scalars, swallowing escape sequences whole.
    private struct Scanner {
        let scalars: [Unicode.Scalar]
        let options: Options
        var output = String.UnicodeScalarView()
        /// Column since the last kept line break, for tab stops.
        var column = 0

        /// Longest OSC/DCS payload looked at for a terminator; beyond it only the introducer is
        /// replaced and the rest stays visible rather than silently vanishing.
        static let maxStringSequence = 4096

        init(scalars: [Unicode.Scalar], options: Options) {
            self.scalars = scalars
            self.options = options
        }

        mutating func run() -> String {
            let truncated = scalars.count > options.maxScalars
            let end = truncated ? options.maxScalars : scalars.count
            var index = 0
            while index < end {
                let scalar = scalars[index]
                switch scalar.value {
                case 0x1B:
                    emit(TextSanitizer.escapePlaceholder)
                    index = Scanner.endOfEscape(scalars, at: index, limit: end)
                case 0x9B, 0x9D, 0x90, 0x98, 0x9E, 0x9F:
                    emit(TextSanitizer.escapePlaceholder)
                    index = Scanner.endOfC1Sequence(scalars, at: index, limit: end)
                case 0x0D where index + 1 < end && scalars[index + 1] == "\n" && options.lineBreaks != .placeholder:
                    index += 1  // CRLF: the LF that follows is the line break
                case 0x0A, 0x85, 0x2028, 0x2029:
                    lineBreak()
                    index += 1
                case 0x09 where options.tabWidth != nil:
                    let stop = max(1, options.tabWidth ?? 1)
                    let spaces = stop - column % stop
                    for _ in 0..<spaces { emit(" ") }
                    index += 1
                default:
                    emit(TextSanitizer.placeholder(for: scalar) ?? scalar)
                    index += 1
                }
            }
            if truncated { emit("\u{2026}") }
            return String(output)
        }

        mutating func emit(_ scalar: Unicode.Scalar) {
            output.append(scalar)
            if options.tabWidth != nil { column += CellWidth.displayed(scalar) }  // only tabs need it
        }

        mutating func lineBreak() {
            switch options.lineBreaks {
            case .placeholder: emit(TextSanitizer.newlinePlaceholder)
            case .space: emit(" ")
            case .keep:
                output.append("\n")
                column = 0
            }
        }

        /// Index just past the ESC sequence starting at `start` (which holds ESC).
        static func endOfEscape(_ scalars: [Unicode.Scalar], at start: Int, limit: Int) -> Int {
            let next = start + 1
            guard next < limit else { return next }
            let value = scalars[next].value
            switch value {
            case 0x5B: return endOfCSI(scalars, bodyAt: next + 1, limit: limit)                   // ESC [
            case 0x5D, 0x50, 0x58, 0x5E, 0x5F: return endOfString(scalars, bodyAt: next + 1, limit: limit) // ] P X ^ _
            case 0x20...0x2F:                                                                      // ESC intermediates final
                var index = next
                while index < limit, (0x20...0x2F).contains(scalars[index].value) { index += 1 }
                if index < limit, (0x30...0x7E).contains(scalars[index].value) { index += 1 }
                return index
            case 0x30...0x7E: return next + 1                                                      // ESC 7, ESC c, ...
            default: return next                                                                   // lone ESC
            }
        }

        /// Index just past a sequence introduced by a C1 control at `start`.
        static func endOfC1Sequence(_ scalars: [Unicode.Scalar], at start: Int, limit: Int) -> Int {
            if scalars[start].value == 0x9B {
                return endOfCSI(scalars, bodyAt: start + 1, limit: limit)
            }
            return endOfString(scalars, bodyAt: start + 1, limit: limit)
        }

        /// CSI: parameter bytes 0x30-0x3F, intermediate bytes 0x20-0x2F, one final byte 0x40-0x7E.
        /// Stops early at anything else, which is then shown normally.
        static func endOfCSI(_ scalars: [Unicode.Scalar], bodyAt body: Int, limit: Int) -> Int {
            var index = body
            while index < limit, (0x30...0x3F).contains(scalars[index].value) { index += 1 }
            while index < limit, (0x20...0x2F).contains(scalars[index].value) { index += 1 }
            if index < limit, (0x40...0x7E).contains(scalars[index].value) { index += 1 }
            return index
        }

        /// OSC/DCS/SOS/PM/APC: a payload ended by BEL, ST (ESC \ or U+009C), or another ESC.
        /// Without a terminator in reach, only the introducer goes.
        static func endOfString(_ scalars: [Unicode.Scalar], bodyAt body: Int, limit: Int) -> Int {
            var index = body
            let searchEnd = min(limit, body + maxStringSequence)
            while index < searchEnd {
                switch scalars[index].value {
                case 0x07, 0x9C: return index + 1
                case 0x1B:
                    let next = index + 1
                    return next < limit && scalars[next] == "\\" ? next + 1 : index
                default: index += 1
                }
            }
            return body
        }
    }
}
