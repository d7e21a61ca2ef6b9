/// The store's schema: named migrations, applied in order, never edited once released — a change
/// is a new migration appended here. `StoreTests.testSchemaMatchesTheGoldenFile` dumps
/// `sqlite_schema` after all of them, so every schema change shows in review.
///
/// What is never stored: a plaintext secret. Findings carry the keyed-hash id and a redacted
/// preview (`glpa…(26)`); occurrences carry where, not what.
enum Schema {
    static let migrations: [(name: String, sql: String)] = [
        (
            "001_initial",
            """
            -- A repository or directory that gets scanned; one store holds many.
            CREATE TABLE source (
                id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('git', 'path')),
                -- normalised remote URL (credentials removed) or absolute path
                locator TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL
            );

            -- One run over one source. A scan killed midway stays 'running' until the next open
            -- marks it 'interrupted'; nothing it found was committed, so nothing is half-recorded.
            CREATE TABLE scan (
                id INTEGER PRIMARY KEY,
                source_id INTEGER NOT NULL REFERENCES source (id),
                started_at TEXT NOT NULL,
                ended_at TEXT,
                status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'interrupted')),
                -- the scanning process, so a later scan can tell a killed scan from a running one
                pid INTEGER,
                -- SHA-256 of the rule set: blobs scanned under another digest are scanned again
                rules_digest TEXT NOT NULL,
                blobs INTEGER NOT NULL DEFAULT 0,
                bytes INTEGER NOT NULL DEFAULT 0,
                skipped_known_blobs INTEGER NOT NULL DEFAULT 0,
                findings INTEGER NOT NULL DEFAULT 0,
                new_findings INTEGER NOT NULL DEFAULT 0,
                errors INTEGER NOT NULL DEFAULT 0,
                -- git: the ref tips this scan covered (JSON array of commit ids), so the next scan of the
                -- same source under the same rules walks only newer commits
                tips TEXT
            );
            CREATE INDEX scan_by_source ON scan (source_id, status, rules_digest);

            -- Blobs of a source already matched under a rule set: a rescan reads only the others. Per
            -- source, so that a fork scanned later still gets its own occurrences.
            CREATE TABLE scanned_blob (
                source_id INTEGER NOT NULL REFERENCES source (id),
                blob_id TEXT NOT NULL,
                rules_digest TEXT NOT NULL,
                PRIMARY KEY (source_id, rules_digest, blob_id)
            ) WITHOUT ROWID;

            -- A secret under a rule. id = HMAC-SHA256(store key, rule id NUL secret), hex.
            CREATE TABLE finding (
                id TEXT PRIMARY KEY,
                rule_id TEXT NOT NULL,
                rule_name TEXT NOT NULL,
                severity TEXT NOT NULL,
                confidence TEXT NOT NULL,
                -- at most four leading characters and the length: never the secret
                secret_redacted TEXT NOT NULL,
                entropy REAL NOT NULL,
                first_seen_scan INTEGER NOT NULL REFERENCES scan (id),
                last_seen_scan INTEGER NOT NULL REFERENCES scan (id),
                status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'to_remediate', 'secret_stored',
                    'secret_replaced', 'secret_revoked', 'resolved', 'false_positive', 'ignored'))
            ) WITHOUT ROWID;
            CREATE INDEX finding_by_rule ON finding (rule_id);

            -- Where a finding was seen: one row per place (source, blob, path, line, column).
            CREATE TABLE occurrence (
                id INTEGER PRIMARY KEY,
                finding_id TEXT NOT NULL REFERENCES finding (id),
                source_id INTEGER NOT NULL REFERENCES source (id),
                -- git blob id; for files, empty
                blob_id TEXT NOT NULL DEFAULT '',
                path TEXT NOT NULL,
                line INTEGER NOT NULL,
                "column" INTEGER NOT NULL,
                commit_id TEXT,
                author TEXT,
                email TEXT,
                committed_at TEXT,
                in_latest INTEGER,
                first_seen_scan INTEGER NOT NULL REFERENCES scan (id),
                last_seen_scan INTEGER NOT NULL REFERENCES scan (id),
                UNIQUE (finding_id, source_id, blob_id, path, line, "column")
            );
            CREATE INDEX occurrence_by_source ON occurrence (source_id, blob_id);

            -- Every triage decision, oldest first; finding.status is the latest.
            CREATE TABLE triage_event (
                id INTEGER PRIMARY KEY,
                finding_id TEXT NOT NULL REFERENCES finding (id),
                status TEXT NOT NULL,
                comment TEXT,
                actor TEXT NOT NULL,
                at TEXT NOT NULL
            );
            CREATE INDEX triage_by_finding ON triage_event (finding_id);

            -- Store-wide settings. 'hash_key': the 32-byte HMAC key behind finding ids.
            CREATE TABLE setting (
                key TEXT PRIMARY KEY,
                value BLOB NOT NULL
            ) WITHOUT ROWID;
            """
        ),
        (
            "002_occurrence_decoded",
            """
            -- How the secret was decoded from the text at this place ('base64', 'percent', 'escapes',
            -- 'concat', or a chain such as 'base64+escapes'); NULL where it stands as it is.
            ALTER TABLE occurrence ADD COLUMN decoded TEXT;
            """
        ),
        (
            "003_vault_secret",
            """
            -- Values stored in Vault (`vault index`), as keyed hashes only: a finding whose secret is
            -- one of them is marked with its Vault path ("found in Vault": a managed secret that
            -- leaked, to rotate). Replaced whole by each index of an address.
            CREATE TABLE vault_secret (
                value_hash TEXT NOT NULL,
                address TEXT NOT NULL,
                path TEXT NOT NULL,
                field TEXT NOT NULL,
                indexed_at TEXT NOT NULL,
                PRIMARY KEY (value_hash, address, path, field)
            ) WITHOUT ROWID;
            """
        ),
        (
            "004_service",
            """
            -- `serve`'s durable queue (docs/service.md): one job scans what pushes to one project
            -- introduced (its rows in job_push). Pushes that arrive while a job of the project is
            -- still queued are added to it. A running job holds a lease that its worker's
            -- heartbeat extends; an expired lease (a killed worker) puts it back in the queue.
            -- Times in ms since 1970.
            CREATE TABLE job (
                id INTEGER PRIMARY KEY,
                project TEXT NOT NULL,
                -- the repository's URL as the webhook gave it (credentials are never stored)
                clone_url TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
                attempts INTEGER NOT NULL DEFAULT 0,
                not_before INTEGER NOT NULL,
                lease_until INTEGER,
                worker TEXT,
                last_error TEXT,
                scan_ids TEXT,
                new_findings INTEGER,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            );
            CREATE INDEX job_state ON job (state, not_before);
            CREATE INDEX job_project ON job (project, state);

            -- Webhook deliveries already queued, by X-Gitlab-Event-UUID: a replay queues nothing.
            CREATE TABLE webhook_delivery (
                event_uuid TEXT PRIMARY KEY,
                job_id INTEGER,
                received_at INTEGER NOT NULL
            ) WITHOUT ROWID;

            -- Each push queued, in order: the ranges of its job. Unique by (project, ref, before,
            -- after): the same push sent twice under two delivery ids queues nothing either.
            CREATE TABLE job_push (
                id INTEGER PRIMARY KEY,
                job_id INTEGER NOT NULL REFERENCES job (id),
                project TEXT NOT NULL,
                ref TEXT NOT NULL,
                before TEXT NOT NULL,
                after TEXT NOT NULL,
                UNIQUE (project, ref, before, after)
            );
            CREATE INDEX job_push_job ON job_push (job_id);

            -- How `serve` classified each finding of a source against the project's baseline
            -- (docs/baseline.md): the latest job's verdict.
            CREATE TABLE finding_baseline (
                source_id INTEGER NOT NULL REFERENCES source (id),
                finding_id TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('new', 'new_location', 'known')),
                job_id INTEGER,
                PRIMARY KEY (source_id, finding_id)
            ) WITHOUT ROWID;

            -- API bearer tokens (`token create`): only the SHA-256 of the token is kept.
            CREATE TABLE api_token (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                scope TEXT NOT NULL CHECK (scope IN ('read', 'triage', 'admin')),
                token_hash TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL,
                expires_at TEXT,
                revoked_at TEXT,
                last_used_at TEXT
            );
            """
        ),
    ]
}
