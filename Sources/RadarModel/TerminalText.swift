/// Bytes made safe for a terminal, losslessly: valid UTF-8 that prints stays as it is; control
/// characters (which could move the cursor, rewrite a line or set a window title), invalid UTF-8 and
/// the backslash itself become `\xNN` / `\\`, so the bytes can be read back exactly.
public enum TerminalText {
    /// Secret bytes for `--show-secrets` text output, losslessly: the backslash is escaped too.
    public static func escaped(_ bytes: [UInt8]) -> String {
        var out = ""
        var parser = Unicode.UTF8.ForwardParser()
        var input = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &input) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                if scalar == "\\" {
                    out += "\\\\"
                } else if needsEscape(scalar) {
                    for b in encoded { out += hex(b) }
                } else {
                    out.unicodeScalars.append(scalar)
                }
                offset += encoded.count
            case .error(let length):
                for b in bytes[offset..<offset + length] { out += hex(b) }
                offset += length
            case .emptyInput:
                return out
            }
        }
    }

    /// A name or message from input (a file name, a ref, a job, a key) made safe for one line of a
    /// terminal: control and format characters become `\xNN`, so a crafted name cannot erase,
    /// rewrite or forge a line. Text without them comes back unchanged.
    public static func line(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                for b in String(scalar).utf8 { out += hex(b) }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x20 || s.value == 0x7f { return true }
        guard s.value >= 0x80 else { return false }
        let category = s.properties.generalCategory
        return category == .control || category == .format || category == .lineSeparator || category == .paragraphSeparator
    }

    static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return "\\x" + String(digits[Int(b >> 4)]) + String(digits[Int(b & 15)])
    }
}
