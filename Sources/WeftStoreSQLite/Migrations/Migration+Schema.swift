extension Migration {
    /// The schema, oldest step first. Dates are integer milliseconds since 1970 (UTC); JSON is compact text; every
    /// table an organization owns has a `tenant_id`, and rows that refer to a flow carry the tenant with the
    /// flow's id, so a reference can never cross organizations.
    static let all: [Migration] = [
        accounts, organizations, definitions, runs, appPins, invitations, oauthSignIns, queue,
    ]

    /// Users and their sessions.
    static let accounts = Migration(
        version: 1, name: "accounts",
        statements: [
            """
            CREATE TABLE users (
                id TEXT PRIMARY KEY,
                email TEXT NOT NULL,
                name TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                created_at INTEGER NOT NULL
            ) STRICT
            """,
            "CREATE UNIQUE INDEX users_email ON users (lower(email))",
            """
            CREATE TABLE access_tokens (
                id TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                token_hash TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                revoked_at INTEGER
            ) STRICT
            """,
            "CREATE UNIQUE INDEX access_tokens_hash ON access_tokens (token_hash)",
            "CREATE INDEX access_tokens_user ON access_tokens (user_id)",
        ]
    )

    /// Organizations, their members, API keys, audit log and data keys.
    static let organizations = Migration(
        version: 2, name: "organizations",
        statements: [
            """
            CREATE TABLE tenants (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                created_at INTEGER NOT NULL
            ) STRICT
            """,
            """
            CREATE TABLE memberships (
                tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
                user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                role TEXT NOT NULL CHECK (role IN ('viewer', 'builder', 'admin', 'owner')),
                created_at INTEGER NOT NULL,
                PRIMARY KEY (tenant_id, user_id)
            ) STRICT
            """,
            "CREATE INDEX memberships_user ON memberships (user_id)",
            """
            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('viewer', 'builder', 'admin', 'owner')),
                key_hash TEXT NOT NULL,
                prefix TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                revoked_at INTEGER
            ) STRICT
            """,
            "CREATE UNIQUE INDEX api_keys_hash ON api_keys (key_hash)",
            "CREATE INDEX api_keys_tenant ON api_keys (tenant_id, created_at)",
            """
            CREATE TABLE audit_log (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                target TEXT NOT NULL,
                details TEXT NOT NULL,
                at INTEGER NOT NULL
            ) STRICT
            """,
            "CREATE INDEX audit_log_tenant_at ON audit_log (tenant_id, at, seq)",
            """
            CREATE TABLE data_keys (
                tenant_id TEXT PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
                wrapped_key BLOB NOT NULL,
                updated_at INTEGER NOT NULL
            ) STRICT
            """,
        ]
    )

    /// Flows and their versions, apps, connections.
    static let definitions = Migration(
        version: 3, name: "flows, apps and connections",
        statements: [
            """
            CREATE TABLE flows (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                enabled INTEGER NOT NULL,
                latest_version INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            ) STRICT
            """,
            "CREATE UNIQUE INDEX flows_tenant_name ON flows (tenant_id, name)",
            "CREATE UNIQUE INDEX flows_tenant_id ON flows (tenant_id, id)",
            """
            CREATE TABLE flow_versions (
                tenant_id TEXT NOT NULL,
                flow_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                source TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                PRIMARY KEY (tenant_id, flow_id, version),
                FOREIGN KEY (tenant_id, flow_id) REFERENCES flows (tenant_id, id) ON DELETE CASCADE
            ) STRICT
            """,
            """
            CREATE TABLE apps (
                tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
                app_id TEXT NOT NULL,
                version TEXT NOT NULL,
                source TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                PRIMARY KEY (tenant_id, app_id, version)
            ) STRICT
            """,
            """
            CREATE TABLE connections (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                app_id TEXT NOT NULL,
                field_values TEXT NOT NULL,
                sealed_secrets BLOB NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            ) STRICT
            """,
            "CREATE UNIQUE INDEX connections_tenant_name ON connections (tenant_id, name)",
        ]
    )

    /// Runs.
    static let runs = Migration(
        version: 4, name: "runs",
        statements: [
            """
            CREATE TABLE runs (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
                flow_id TEXT NOT NULL,
                flow_version INTEGER NOT NULL,
                state TEXT NOT NULL,
                trigger_kind TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                finished_at INTEGER,
                record TEXT NOT NULL,
                FOREIGN KEY (tenant_id, flow_id) REFERENCES flows (tenant_id, id) ON DELETE CASCADE
            ) STRICT
            """,
            "CREATE INDEX runs_tenant_created ON runs (tenant_id, created_at, id)",
            "CREATE INDEX runs_tenant_flow_created ON runs (tenant_id, flow_id, created_at, id)",
            "CREATE INDEX runs_tenant_state_created ON runs (tenant_id, state, created_at, id)",
        ]
    )

    /// The app versions each flow version was saved against (app id → version, as JSON).
    static let appPins = Migration(
        version: 5, name: "app versions pinned by flow versions",
        statements: ["ALTER TABLE flow_versions ADD COLUMN app_versions TEXT NOT NULL DEFAULT '{}'"]
    )

    /// Invitations to join an organization, by email, before or after the invitee has an account.
    static let invitations = Migration(
        version: 6, name: "invitations",
        statements: [
            """
            CREATE TABLE invitations (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
                email TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('viewer', 'builder', 'admin', 'owner')),
                token_hash TEXT NOT NULL,
                invited_by TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL
            ) STRICT
            """,
            "CREATE UNIQUE INDEX invitations_token ON invitations (token_hash)",
            "CREATE UNIQUE INDEX invitations_tenant_email ON invitations (tenant_id, email)",
        ]
    )

    /// Browser sign-ins of connections under way (the OAuth 2.0 authorization code grant).
    static let oauthSignIns = Migration(
        version: 7, name: "oauth sign-ins",
        statements: [
            """
            CREATE TABLE oauth_sign_ins (
                state_hash TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
                connection_name TEXT NOT NULL,
                code_verifier TEXT NOT NULL,
                redirect_uri TEXT NOT NULL,
                started_by TEXT NOT NULL,
                expires_at INTEGER NOT NULL
            ) STRICT
            """
        ]
    )

    /// Runs as the queue: each run's input, lease (owner, expiry, fencing token), claims, checkpoint and
    /// idempotency key; payloads stored by reference; webhook address tokens; trigger state.
    static let queue = Migration(
        version: 8, name: "run queue",
        statements: [
            "ALTER TABLE runs ADD COLUMN input TEXT",
            "ALTER TABLE runs ADD COLUMN idempotency_key TEXT",
            "ALTER TABLE runs ADD COLUMN available_at INTEGER",
            "ALTER TABLE runs ADD COLUMN lease_owner TEXT",
            "ALTER TABLE runs ADD COLUMN lease_expires_at INTEGER",
            "ALTER TABLE runs ADD COLUMN fencing_token INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE runs ADD COLUMN claims INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE runs ADD COLUMN checkpoint TEXT",
            "ALTER TABLE runs ADD COLUMN cancel_requested INTEGER NOT NULL DEFAULT 0",
            """
            CREATE UNIQUE INDEX runs_idempotency ON runs (tenant_id, flow_id, idempotency_key)
            WHERE idempotency_key IS NOT NULL
            """,
            "CREATE INDEX runs_queued ON runs (available_at, id) WHERE state = 'queued'",
            "CREATE INDEX runs_leased ON runs (lease_expires_at) WHERE state = 'running'",
            "CREATE INDEX runs_finished ON runs (finished_at) WHERE finished_at IS NOT NULL",
            """
            CREATE TABLE payloads (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
                bytes BLOB NOT NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL
            ) STRICT
            """,
            "CREATE INDEX payloads_expiry ON payloads (expires_at)",
            "ALTER TABLE flows ADD COLUMN webhook_token TEXT",
            "CREATE UNIQUE INDEX flows_webhook_token ON flows (webhook_token) WHERE webhook_token IS NOT NULL",
            """
            CREATE TABLE trigger_states (
                tenant_id TEXT NOT NULL,
                flow_id TEXT NOT NULL,
                state TEXT NOT NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (tenant_id, flow_id),
                FOREIGN KEY (tenant_id, flow_id) REFERENCES flows (tenant_id, id) ON DELETE CASCADE
            ) STRICT
            """,
        ]
    )
}
