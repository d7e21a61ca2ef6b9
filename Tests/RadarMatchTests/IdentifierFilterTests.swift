import RadarMatch
import Testing

@Suite("Identifier filter")
struct IdentifierFilterTests {
    @Test(
        "names in code are identifiers",
        arguments: [
            "SHA256_DIGEST_LENGTH", "Curve25519.KeyAgreement.keySizeBytes", "relative_token_line_plus1",
            "settings.API_KEY_V2", "HTTPClient.defaultTimeout", "process.env.API_KEY", "config/secrets/db_password2",
            "AWS_SECRET_ACCESS_KEY",
        ])
    func identifier(_ value: String) {
        #expect(IdentifierFilter.isIdentifier(Array(value.utf8)))
    }

    @Test(
        "random values and passphrase-like secrets are not identifiers",
        arguments: [
            "Kq8vR2mZ7tLwPq9Xr", "wJ4x9Kd02LmQpR7sT1vY", "d41d8cd98f00b204e9800998ecf8427e", "Summer2024Winter",
            "aB3_xY9z_Qw8", "hvs.CAESIJ9xq2mVw7Lk4RtPz8NbYc3F", "Token1",
        ])
    func notIdentifier(_ value: String) {
        #expect(!IdentifierFilter.isIdentifier(Array(value.utf8)))
    }
}
