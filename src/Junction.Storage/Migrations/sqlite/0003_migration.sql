-- Safe migration, version 3 (SQLite): shadow pairs for comparison reports, and the shared state of percentage rollouts.
-- Times are Unix milliseconds, latencies microseconds, money whole nano-dollars (1e-9 USD).
CREATE TABLE shadow_pairs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    model TEXT NOT NULL,
    target TEXT NOT NULL,
    primary_status INTEGER NOT NULL,
    primary_error_kind TEXT NULL,
    primary_latency_us INTEGER NOT NULL,
    primary_ttft_us INTEGER NULL,
    primary_prompt_tokens INTEGER NULL,
    primary_completion_tokens INTEGER NULL,
    primary_cost_nanousd INTEGER NULL,
    primary_deployment TEXT NULL,
    shadow_status INTEGER NOT NULL,
    shadow_error_kind TEXT NULL,
    shadow_latency_us INTEGER NOT NULL,
    shadow_ttft_us INTEGER NULL,
    shadow_prompt_tokens INTEGER NULL,
    shadow_completion_tokens INTEGER NULL,
    shadow_cost_nanousd INTEGER NULL,
    shadow_deployment TEXT NULL,
    comparisons TEXT NOT NULL,
    content TEXT NULL
);
CREATE INDEX shadow_pairs_model_at ON shadow_pairs (model, at);

CREATE TABLE rollout_state (
    model TEXT PRIMARY KEY,
    target TEXT NOT NULL,
    step_index INTEGER NOT NULL,
    status TEXT NOT NULL,
    step_started_at INTEGER NOT NULL,
    reason TEXT NULL,
    version INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
