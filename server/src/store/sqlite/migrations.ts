/**
 * Versioned schema migrations, applied in order inside one transaction each; `user_version`
 * records how far a database has come. Never edit a released migration: add the next one.
 *
 * What is never stored, by design: media, file names, EXIF, IP addresses, query hashes of
 * platforms (match events keep the platform's opaque ref, not what it sent).
 */
export const MIGRATIONS: readonly string[] = [
  /* 1: the bank */ `
  CREATE TABLE ngos (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    code TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    active INTEGER NOT NULL DEFAULT 1
  );
  CREATE TABLE cases (
    id TEXT PRIMARY KEY,                       -- short, readable (e.g. DSR-7K4M-Q2XP)
    secret_digest BLOB NOT NULL,               -- HMAC-SHA-256 of the secret with a server key
    secret_key_id TEXT NOT NULL,               -- which server key made the digest
    created_at INTEGER NOT NULL,               -- ms since epoch
    updated_at INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'withdrawn')),
    ngo_id INTEGER REFERENCES ngos(id),
    withdrawn_at INTEGER
  );
  CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    type TEXT NOT NULL CHECK (type IN ('image', 'video')),
    created_at INTEGER NOT NULL,
    quality INTEGER,
    reliable INTEGER NOT NULL,
    duration_ms INTEGER,
    withdrawn_at INTEGER,                      -- hashes deleted; the row keeps counts honest
    disabled_at INTEGER,
    disabled_reason TEXT,
    disabled_by INTEGER REFERENCES operators(id)
  );
  CREATE INDEX items_case ON items(case_id);
  -- One row per signal value: the registry decides which signals exist, not this schema.
  CREATE TABLE item_signals (
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    signal TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (item_id, signal)
  );
  CREATE INDEX item_signals_value ON item_signals(signal, value);
  CREATE TABLE item_frames (
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    t REAL NOT NULL,                           -- seconds from the start
    pdq TEXT NOT NULL,
    quality INTEGER NOT NULL,
    PRIMARY KEY (item_id, seq)
  );
  CREATE TABLE platforms (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    key_digest BLOB,
    key_key_id TEXT,
    key_hint TEXT,                             -- first characters of the key, to recognise it
    scopes TEXT NOT NULL,                      -- comma-separated: match,feed,feedback
    thresholds TEXT NOT NULL DEFAULT '{}',     -- JSON {signal: distance}
    listed INTEGER NOT NULL DEFAULT 0,         -- shown on the victim page
    created_at INTEGER NOT NULL,
    revoked_at INTEGER,
    last_seen_at INTEGER
  );
  CREATE UNIQUE INDEX platforms_key ON platforms(key_digest);
  CREATE TABLE match_events (
    id INTEGER PRIMARY KEY,
    platform_id INTEGER NOT NULL REFERENCES platforms(id),
    item_id INTEGER REFERENCES items(id) ON DELETE SET NULL,
    case_id TEXT,
    created_at INTEGER NOT NULL,
    signal TEXT NOT NULL,
    distance INTEGER NOT NULL,
    variant INTEGER,
    ref TEXT,                                  -- the platform's opaque reference, never a hash
    feedback TEXT CHECK (feedback IN ('blocked', 'not_ncii', 'pending')),
    feedback_note TEXT,
    feedback_at INTEGER,
    review TEXT CHECK (review IN ('confirmed', 'false_positive', 'needs_review')),
    review_note TEXT,
    reviewed_by INTEGER REFERENCES operators(id),
    reviewed_at INTEGER
  );
  CREATE INDEX match_events_time ON match_events(created_at);
  CREATE INDEX match_events_item ON match_events(item_id);
  CREATE INDEX match_events_case ON match_events(case_id);
  CREATE INDEX match_events_feedback ON match_events(feedback, review);
  -- The change feed: AUTOINCREMENT so a sequence number is never reused, even after deletes.
  CREATE TABLE feed (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    op TEXT NOT NULL CHECK (op IN ('add', 'remove')),
    item_id INTEGER NOT NULL,
    signal TEXT NOT NULL,
    value TEXT,                                -- NULL once the item is withdrawn (redacted)
    quality INTEGER,
    frames TEXT,                               -- JSON [{t, pdq, quality}] for videos
    created_at INTEGER NOT NULL
  );
  CREATE INDEX feed_item ON feed(item_id);
  CREATE TABLE operators (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'reviewer', 'ngo')),
    ngo_id INTEGER REFERENCES ngos(id),
    totp_secret TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    last_login_at INTEGER
  );
  CREATE TABLE sessions (
    token_digest BLOB PRIMARY KEY,
    key_id TEXT NOT NULL,
    operator_id INTEGER NOT NULL REFERENCES operators(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    totp_pending INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,                       -- operator:<id>, cli, platform:<id>, system
    action TEXT NOT NULL,
    target TEXT,
    detail TEXT                                -- JSON, never a hash value or a secret
  );
  CREATE INDEX audit_log_at ON audit_log(at);
  `,
  /* 2: Idempotency-Key on victim POSTs */ `
  -- A lost answer retried with the same key gets the same answer, not a second case. Kept 24 hours.
  CREATE TABLE idempotency_keys (
    key_digest BLOB PRIMARY KEY,               -- HMAC-SHA-256 of the route and the key with a server key; never the key
    key_id TEXT NOT NULL,                      -- which server key made the digest
    request_digest BLOB NOT NULL,              -- HMAC of the request body, keyed from the idempotency key
    sealed_response BLOB NOT NULL,             -- the 201 answer, AES-256-GCM with a key derived from the idempotency key
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX idempotency_keys_expiry ON idempotency_keys(expires_at);
  `,
  /* 3: videos */ `
  -- The PDQ variants of each frame (letterbox and crop robustness), NULL when under quality 50.
  ALTER TABLE item_frames ADD COLUMN pdq_trimmed TEXT;
  ALTER TABLE item_frames ADD COLUMN pdq_center90 TEXT;
  ALTER TABLE item_frames ADD COLUMN pdq_center80 TEXT;
  -- Seconds between sampled frames (1, or more for videos over an hour).
  ALTER TABLE items ADD COLUMN frame_interval REAL;
  -- A video match's evidence: JSON {rule, matchedSeconds, queryRange, storedRange, ...} or the
  -- timestamp of the frame a photo matched. Timestamps and shares only, never a hash.
  ALTER TABLE match_events ADD COLUMN video TEXT;
  `,
  /* 4: quarantine of disputed items */ `
  -- An item platforms dispute (\`not_ncii\` from several of them, or an abnormal match rate with a
  -- dispute) is quarantined: disabled like an operator would (it stops matching, the feed says
  -- remove) until an operator restores it or confirms the disable. Counts, never a hash.
  CREATE TABLE quarantines (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('disputed', 'abnormal_rate')),
    disputing_platforms INTEGER NOT NULL,      -- distinct platforms whose feedback is not_ncii
    window_matches INTEGER NOT NULL,           -- matches within the rule's window
    matching_platforms INTEGER NOT NULL,       -- distinct platforms among them
    decision TEXT CHECK (decision IN ('restore', 'disable')),
    decided_by INTEGER REFERENCES operators(id),
    decided_at INTEGER,
    note TEXT
  );
  CREATE INDEX quarantines_item ON quarantines(item_id);
  CREATE INDEX quarantines_open ON quarantines(decision, id);
  -- The rate rule counts an item's recent matches; retention deletes old ones by time.
  CREATE INDEX match_events_item_time ON match_events(item_id, created_at);
  `,
  /* 5: the quality of a picture matched under PDQ's floor */ `
  -- PDQ quality of the picture a platform sent, kept when it was under the quality floor: the
  -- match came by the closer rule (a dim or faded copy), which a reviewer should know. A number
  -- from 1 to 49, never a hash.
  ALTER TABLE match_events ADD COLUMN query_quality INTEGER;
  `,
  /* 6: mirrored video frames */ `
  -- The PDQ of each frame mirrored left to right, for flipped re-uploads; NULL under quality 50,
  -- and for videos stored before (their frames cannot be hashed again: we never had the video).
  ALTER TABLE item_frames ADD COLUMN pdq_mirrored TEXT;
  `,
];
