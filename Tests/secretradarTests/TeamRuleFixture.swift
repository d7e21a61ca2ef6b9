/// A team's own rule, as `--extra-rules` and `[rules] extra` take it: a token format no vendor
/// documents, with examples that must match and one that must not.
enum TeamRuleFixture {
    static func yaml(id: String = "acme.internal_token") -> String {
        """
        rules:
          - id: \(id)
            name: ACME internal service token
            confidence: high
            categories: [api-token]
            description: A token of ACME's internal deploy service.
            references: [https://wiki.acme.example/deploy-tokens]
            pattern: '\\b(?<secret>acme_live_[0-9a-f]{32})\\b'
            examples:
              - 'ACME_TOKEN=acme_live_4f6c0b3e9d2a7c1b8e5f0a3d6c9b2e1f'
              - '"token": "acme_live_7e93d0c5b18f4a62e9d07c3b5a1f8e24"'
            negative_examples:
              - 'ACME_TOKEN=acme_test_4f6c0b3e9d2a7c1b8e5f0a3d6c9b2e1f'

        """
    }
}
