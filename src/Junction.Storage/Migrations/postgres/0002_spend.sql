-- Junction spend log, version 2 (postgres). One row per finished request; money is whole nano-dollars (1e-9 USD),
-- times are Unix milliseconds, flags are 0/1. id is made by Junction (unique, so the outbox replay is idempotent);
-- request_id may repeat when clients send their own x-request-id. spend_tags holds client metadata for tag queries.
CREATE TABLE spend_logs (
    id TEXT PRIMARY KEY,
    request_id TEXT NOT NULL,
    at BIGINT NOT NULL,
    key_id TEXT NULL,
    team_id TEXT NULL,
    user_id TEXT NULL,
    operation TEXT NOT NULL,
    model TEXT NULL,
    deployment TEXT NULL,
    provider TEXT NULL,
    status INTEGER NOT NULL,
    error_code TEXT NULL,
    attempts INTEGER NOT NULL,
    streamed INTEGER NOT NULL,
    prompt_tokens BIGINT NOT NULL,
    completion_tokens BIGINT NOT NULL,
    cached_tokens BIGINT NOT NULL,
    cost_nanousd BIGINT NOT NULL,
    unpriced INTEGER NOT NULL,
    usage_estimated INTEGER NOT NULL,
    latency_ms DOUBLE PRECISION NOT NULL,
    ttft_ms DOUBLE PRECISION NULL,
    cache_hit INTEGER NOT NULL,
    metadata TEXT NULL,
    prompt TEXT NULL,
    completion TEXT NULL
);
CREATE INDEX spend_logs_at ON spend_logs (at, id);
CREATE INDEX spend_logs_request ON spend_logs (request_id);
CREATE INDEX spend_logs_team_at ON spend_logs (team_id, at);
CREATE INDEX spend_logs_key_at ON spend_logs (key_id, at);
CREATE INDEX spend_logs_user_at ON spend_logs (user_id, at);
CREATE INDEX spend_logs_model_at ON spend_logs (model, at);

CREATE TABLE spend_tags (
    spend_id TEXT NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (spend_id, name)
);
CREATE INDEX spend_tags_name_at ON spend_tags (name, at);
