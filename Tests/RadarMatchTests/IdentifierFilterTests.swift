import RadarMatch
import RadarModel
import Testing

@Suite("Identifier filter")
struct IdentifierFilterTests {
    @Test(
        "names in code are identifiers",
        arguments: [
            "SHA256_DIGEST_LENGTH", "Curve25519.KeyAgreement.keySizeBytes", "relative_token_line_plus1",
            "settings.API_KEY_V2", "http_client.default_timeout2", "SQL_CONN_V2", "process.env.API_KEY", "config/secrets/db_password2",
            "AWS_SECRET_ACCESS_KEY2", "x25519.X25519PrivateKey", "process.env.API_KEY2",
        ])
    func identifier(_ value: String) {
        #expect(IdentifierFilter.isIdentifier(Array(value.utf8)))
    }

    @Test(
        "random values and passphrase-like secrets are not identifiers",
        arguments: [
            "Kq8vR2mZ7tLwPq9Xr", "wJ4x9Kd02LmQpR7sT1vY", "d41d8cd98f00b204e9800998ecf8427e", "aZ9kQ2mXw7Lp",
            "4c5fb72d9be75d8e472340fc8381262e7d39e8ca",
            "d147578437cd762230fde50b69ad1440defb0fd7", "b99cbc3d72d1dafe48cdc25d194b1659164b00ff", "ab12cd34ef56ab78",
            "NzEbjOu3id6wkIlUiMBJ2dz4hzRKyTW8",
            "aB3_xY9z_Qw8", "hvs.CAESIJ9xq2mVw7Lk4RtPz8NbYc3F", "Token1",
        ])
    func notIdentifier(_ value: String) {
        #expect(!IdentifierFilter.isIdentifier(Array(value.utf8)))
    }
}

@Suite("Value filters")
struct ValueFilterTests {
    @Test func uuidFilterTakesCanonicalUUIDsOnly() {
        #expect(ValueFilter.uuid.rejects(Array("9f4d9f69-275a-41fe-b58e-2b837bd9ba48".utf8)))
        #expect(!ValueFilter.uuid.rejects(Array("9f4d9f69275a41feb58e2b837bd9ba48abcd".utf8)))
        #expect(!ValueFilter.uuid.rejects(Array("9f4d9f69-275a-41fe-b58e-2b837bd9ba4g".utf8)))
    }

    @Test func encodedJSONFilterSparesJWTs() {
        #expect(ValueFilter.encodedJSON.rejects(Array("eyJOZXh0VG9rZW4iOiBudWxsfQ==".utf8)))
        #expect(!ValueFilter.encodedJSON.rejects(Array("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl".utf8)))
        #expect(!ValueFilter.encodedJSON.rejects(Array("Kq8vR2mZ7tLwPq9Xr".utf8)))
    }

    @Test func identifierFilterIsExposedAsAValueFilter() {
        #expect(ValueFilter.identifier.rejects(Array("SHA256_DIGEST_LENGTH".utf8)))
    }
}

@Suite("Identifier filter on random values")
struct IdentifierFilterRandomTests {
    /// Seeded splitmix64, so the test is the same on every run.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test(
        "random secrets are almost never taken for identifiers",
        arguments: [
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", "0123456789abcdef",
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-",
        ])
    func randomValues(_ alphabet: String) {
        let letters = Array(alphabet.utf8)
        var random = Random(state: 42)
        var rejected = 0
        let samples = 5000
        for n in 0..<samples {
            let length = 16 + n % 49
            let value = (0..<length).map { _ in letters[Int(random.next() % UInt64(letters.count))] }
            if IdentifierFilter.isIdentifier(value) { rejected += 1 }
        }
        // A dropped random secret is a missed finding: keep it under 1 in 2,500.
        #expect(rejected <= 2, "\(rejected) of \(samples) random values taken for identifiers")
    }
}
