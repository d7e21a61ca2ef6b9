import Crypto
import Foundation
import RadarModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The secret key behind finding identities: `finding_id = HMAC-SHA256(key, rule id ␀ secret)`.
///
/// A keyed hash (not a plain hash) so that a finding id in a report, baseline or store cannot be
/// brute-forced back into a short password by someone without the key. The key lives in the store
/// (docs/store.md); a key file (64 hex characters, mode 0600) is how a team shares one.
public struct FindingKey: Sendable {
    /// Raw key bytes (SymmetricKey is not Sendable; it is rebuilt per use, which is cheap).
    private let keyBytes: [UInt8]

    /// A key from raw bytes (tests, or a key shared by a team).
    public init(bytes: [UInt8]) { keyBytes = bytes }

    /// The raw key, for the store that keeps it.
    public var bytes: [UInt8] { keyBytes }

    /// A fresh random key (a throwaway scan with no store: ids are stable only within the run).
    public static func random() -> FindingKey { FindingKey(bytes: SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }) }

    /// The default key file location.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base: String
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            base = xdg
        } else {
            base = (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        }
        return base + "/secretradar/hash.key"
    }

    /// A key given as hex text (`$SECRETRADAR_HASH_KEY`); `origin` names where it came from in errors.
    public init(hex: String, origin: String) throws(EngineError) {
        guard let bytes = Self.hexDecode(hex.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count >= 16 else {
            throw .key(path: origin, reason: "expected at least 32 hex characters")
        }
        keyBytes = bytes
    }

    /// Reads the key file, creating it (and its directory, mode 0700) with a fresh random key when absent.
    public static func loadOrCreate(at path: String) throws(EngineError) -> FindingKey {
        let fm = FileManager.default
        if let data = fm.contents(atPath: path) {
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let bytes = hexDecode(text), bytes.count >= 16 else {
                throw .key(path: path, reason: "expected at least 32 hex characters")
            }
            return FindingKey(bytes: bytes)
        }
        var st = stat()
        if stat(path, &st) == 0 || errno != ENOENT {
            // It exists but cannot be read, or its directory cannot be searched: never overwrite it.
            throw .key(path: path, reason: String(cString: strerror(errno == 0 ? EACCES : errno)).lowercased())
        }
        let directory = (path as NSString).deletingLastPathComponent
        try makeDirectories(directory)
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        let hex = Self.hex(bytes) + "\n"
        // Create with 0600 from the start: no window in which the key is world-readable.
        guard fm.createFile(atPath: path, contents: Data(hex.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw .key(path: path, reason: "cannot create key file")
        }
        return FindingKey(bytes: bytes)
    }

    /// `mkdir -p` with mode 0700 for what it creates, and the system's reason when it cannot.
    static func makeDirectories(_ directory: String) throws(EngineError) {
        var st = stat()
        if directory.isEmpty || stat(directory, &st) == 0 { return }
        let parent = (directory as NSString).deletingLastPathComponent
        if parent != directory { try makeDirectories(parent) }
        if mkdir(directory, 0o700) != 0 && errno != EEXIST {
            throw .key(path: directory, reason: "cannot create directory: " + String(cString: strerror(errno)).lowercased())
        }
    }

    /// Hex HMAC-SHA256 of `ruleID`, a NUL byte, and `secret`.
    public func findingID(ruleID: String, secret: [UInt8]) -> String {
        var mac = HMAC<SHA256>(key: SymmetricKey(data: keyBytes))
        mac.update(data: Array(ruleID.utf8))
        mac.update(data: [0])
        mac.update(data: secret)
        return Self.hex(mac.finalize())
    }

    /// Lowercase hex of `bytes` (a table lookup; `String(format:)` per byte dominated large scans).
    static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 { Hex.lower(bytes) }

    static func hexDecode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var i = 0
        while i < chars.count {
            guard let hi = nibble(chars[i]), let lo = nibble(chars[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x61...0x66: c - 0x61 + 10
        case 0x41...0x46: c - 0x41 + 10
        default: nil
        }
    }
}
