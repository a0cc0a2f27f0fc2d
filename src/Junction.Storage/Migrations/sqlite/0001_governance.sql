-- Junction governance schema, version 1 (SQLite). Money is whole nano-dollars (1e-9 USD); times are Unix milliseconds.
-- Later versions only add (tables, nullable columns, indexes): an upgrade never drops or rewrites data.
CREATE TABLE teams (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    budget_nanousd INTEGER NULL,
    budget_period TEXT NULL,
    rpm INTEGER NULL,
    tpm INTEGER NULL,
    max_parallel INTEGER NULL,
    metadata TEXT NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NULL,
    team_id TEXT NULL,
    budget_nanousd INTEGER NULL,
    budget_period TEXT NULL,
    rpm INTEGER NULL,
    tpm INTEGER NULL,
    max_parallel INTEGER NULL,
    metadata TEXT NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX users_team ON users (team_id);

CREATE TABLE virtual_keys (
    id TEXT PRIMARY KEY,
    key_hash TEXT NOT NULL UNIQUE,
    hint TEXT NOT NULL,
    name TEXT NULL,
    team_id TEXT NULL,
    user_id TEXT NULL,
    role TEXT NOT NULL,
    models TEXT NOT NULL DEFAULT '[]',
    expires_at INTEGER NULL,
    metadata TEXT NOT NULL DEFAULT '{}',
    budget_nanousd INTEGER NULL,
    budget_period TEXT NULL,
    rpm INTEGER NULL,
    tpm INTEGER NULL,
    max_parallel INTEGER NULL,
    enabled INTEGER NOT NULL DEFAULT 1,
    revoked_at INTEGER NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX virtual_keys_team ON virtual_keys (team_id);
CREATE INDEX virtual_keys_user ON virtual_keys (user_id);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    action TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id TEXT NOT NULL,
    team_id TEXT NULL,
    before_json TEXT NULL,
    after_json TEXT NULL,
    request_id TEXT NULL
);
CREATE INDEX audit_log_team ON audit_log (team_id, id);
CREATE INDEX audit_log_target ON audit_log (target_id, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE budget_spend (
    scope TEXT NOT NULL,
    period_start INTEGER NOT NULL,
    spent_nanousd INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (scope, period_start)
);
