/// Turns a secret into something safe to print: a short prefix, an ellipsis and the length.
///
/// The prefix is at most 4 bytes and never more than a quarter of the secret, so a short password
/// is not half revealed. Non-printable bytes in the prefix are shown as `?`.
public enum Redaction {
    /// `glpa…(26)` for a 26-byte GitLab token; `…(3)` for a 3-byte secret.
    public static func redact(_ secret: [UInt8]) -> String {
        let shown = min(4, secret.count / 4)
        let prefix = secret.prefix(shown).map { byte -> Character in
            (0x21...0x7e).contains(byte) ? Character(Unicode.Scalar(byte)) : "?"
        }
        return String(prefix) + "…(\(secret.count))"
    }
}
