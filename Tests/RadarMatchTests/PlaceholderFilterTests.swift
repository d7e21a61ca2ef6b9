import RadarMatch
import Testing

/// Table-driven checks of the shared placeholder filter (Swift Testing).
@Suite("Placeholder filter")
struct PlaceholderFilterTests {
    @Test(
        "values people type instead of a secret are placeholders",
        arguments: [
            "EXAMPLEKEY123456", "AKIAIOSFODNN7EXAMPLE", "xxxxxxxxxxxxxxxx", "XXXX-XXXX-XXXX", "${DB_PASSWORD}", "$DB_PASSWORD",
            "$(cat /run/secrets/token)", "{{ vault_token }}", "{db_password}", "{f.alnum(16)}", "<your-token>", "[secret]", "changeme",
            "CHANGE_ME_PLEASE",
            "your_api_key_here", "placeholder-token", "REDACTED", "aaaaaaaaaaaa", "1234567890", "abcdefghijklmnop",
            "password", "Secret", "null", "********", "4AEA6u7J...The", "a1b2c3d4567890ab",
        ])
    func placeholder(_ value: String) {
        #expect(PlaceholderFilter.isPlaceholder(Array(value.utf8)))
    }

    @Test(
        "random-looking values are kept",
        arguments: [
            "glpat-bBRsk29cztUX1kmObfEj", "Kq8vR2mZ7tLwPq9Xr", "wJ4x9Kd02LmQpR7sT1vY", "hvs.CAESIJ9xq2mVw7Lk4RtPz8NbYc3F",
            "5hJR8q!zK2%mW7^pLx", "d41d8cd98f00b204e9800998ecf8427e",
        ])
    func kept(_ value: String) {
        #expect(!PlaceholderFilter.isPlaceholder(Array(value.utf8)))
    }

    @Test("an example marker inside a long key block is ignored")
    func longValuesSkipMarkers() {
        let block = String(repeating: "Qm9ndXNLZXlNYXRlcmlh", count: 10) + "xxxx" + String(repeating: "ZGF0YTEyMzQ1Njc4OTA", count: 5)
        #expect(!PlaceholderFilter.isPlaceholder(Array(block.utf8)))
    }
}
