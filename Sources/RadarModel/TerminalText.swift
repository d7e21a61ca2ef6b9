/// Bytes made safe for a terminal, losslessly: valid UTF-8 that prints stays as it is; control
/// characters (which could move the cursor, rewrite a line or set a window title), invalid UTF-8 and
/// the backslash itself become `\xNN` / `\\`, so the bytes can be read back exactly.
public enum TerminalText {
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
                } else if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format {
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

    static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return "\\x" + String(digits[Int(b >> 4)]) + String(digits[Int(b & 15)])
    }
}
