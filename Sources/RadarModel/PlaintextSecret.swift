/// A secret in plaintext: exactly the bytes that were matched (a `String` would replace invalid UTF-8).
///
/// It never shows itself: printing, interpolating or dumping it gives only its length, and it is not
/// `Codable`, so no store row, JSON document or log line carries it by accident. The bytes come out
/// only through `reveal(to:)`, which only a renderer that may show secrets can call: the text and
/// JSON reports, when the user passed `--show-secrets` (docs/architecture.md, "Redaction by default").
public struct PlaintextSecret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let bytes: [UInt8]

    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public init(_ text: String) { bytes = Array(text.utf8) }

    /// Its length in bytes.
    public var count: Int { bytes.count }

    public var description: String { "<plaintext secret, \(bytes.count) bytes>" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [:]) }

    /// The bytes, for a renderer allowed to show them.
    public func reveal<Renderer: SecretRevealing>(to _: Renderer.Type) -> [UInt8] { bytes }
}

/// A renderer whose output may hold plaintext secrets (only with `--show-secrets`). Conforming is
/// a decision reviewed like any other output of a secret: today the text and JSON reports.
public protocol SecretRevealing {}
