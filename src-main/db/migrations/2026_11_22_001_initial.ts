import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports app code and never changes once released.
const statements = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID`,
  `CREATE TABLE customer (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    street TEXT NOT NULL DEFAULT '',
    zip TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    comment TEXT NOT NULL DEFAULT '',
    validity TEXT NOT NULL CHECK (validity IN ('valid', 'invalid', 'invalid-temporarily')),
    access_mode TEXT NOT NULL CHECK (access_mode IN ('defaults', 'specific')),
    custom_fields TEXT NOT NULL DEFAULT '{}',
    deleted INTEGER NOT NULL DEFAULT 0,
    stamp TEXT NOT NULL,
    field_stamps TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`,
  `CREATE UNIQUE INDEX customer_code_live ON customer (code COLLATE NOCASE) WHERE deleted = 0`,
  `CREATE TABLE service (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    parent_id TEXT REFERENCES service (id),
    path TEXT NOT NULL,
    type TEXT NOT NULL,
    criticality INTEGER NOT NULL CHECK (criticality BETWEEN 1 AND 5),
    comment TEXT NOT NULL DEFAULT '',
    validity TEXT NOT NULL CHECK (validity IN ('valid', 'invalid', 'invalid-temporarily')),
    deleted INTEGER NOT NULL DEFAULT 0,
    stamp TEXT NOT NULL,
    field_stamps TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`,
  `CREATE UNIQUE INDEX service_path_live ON service (path COLLATE NOCASE) WHERE deleted = 0`,
  `CREATE INDEX service_parent ON service (parent_id)`,
  `CREATE TABLE customer_user (
    id TEXT PRIMARY KEY,
    login TEXT NOT NULL,
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    customer_id TEXT NOT NULL REFERENCES customer (id),
    validity TEXT NOT NULL CHECK (validity IN ('valid', 'invalid', 'invalid-temporarily')),
    comment TEXT NOT NULL DEFAULT '',
    deleted INTEGER NOT NULL DEFAULT 0,
    stamp TEXT NOT NULL,
    field_stamps TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`,
  `CREATE UNIQUE INDEX customer_user_login_live ON customer_user (login COLLATE NOCASE) WHERE deleted = 0`,
  `CREATE INDEX customer_user_by_customer ON customer_user (customer_id)`,
  `CREATE TABLE customer_user_customer (
    user_id TEXT NOT NULL REFERENCES customer_user (id),
    customer_id TEXT NOT NULL REFERENCES customer (id),
    granted INTEGER NOT NULL,
    stamp TEXT NOT NULL,
    PRIMARY KEY (user_id, customer_id)
  ) WITHOUT ROWID`,
  `CREATE INDEX customer_user_customer_by_customer ON customer_user_customer (customer_id, user_id)`,
  `CREATE TABLE assignment (
    customer_id TEXT NOT NULL REFERENCES customer (id),
    service_id TEXT NOT NULL REFERENCES service (id),
    granted INTEGER NOT NULL,
    stamp TEXT NOT NULL,
    field_stamps TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL CHECK (status IN ('active', 'pending', 'stopped', 'disabled', 'archived')),
    start_date TEXT,
    end_date TEXT,
    quantity INTEGER,
    unit TEXT NOT NULL DEFAULT '',
    price_minor INTEGER CHECK (price_minor IS NULL OR price_minor >= 0),
    pay_period TEXT CHECK (pay_period IS NULL OR pay_period IN ('monthly', 'quarterly', 'yearly', 'one-time')),
    discount_percent REAL CHECK (discount_percent IS NULL OR discount_percent BETWEEN 0 AND 100),
    discount_start TEXT,
    discount_end TEXT,
    description TEXT NOT NULL DEFAULT '',
    stopped_by_lifecycle INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (customer_id, service_id)
  ) WITHOUT ROWID`,
  `CREATE INDEX assignment_by_service ON assignment (service_id, customer_id)`,
  `CREATE TABLE default_service (
    service_id TEXT PRIMARY KEY REFERENCES service (id),
    granted INTEGER NOT NULL,
    stamp TEXT NOT NULL
  ) WITHOUT ROWID`,
  `CREATE TABLE custom_field (
    id TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    label TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('text', 'number', 'date', 'choice')),
    required INTEGER NOT NULL DEFAULT 0,
    options TEXT NOT NULL DEFAULT '[]',
    position INTEGER NOT NULL DEFAULT 0,
    deleted INTEGER NOT NULL DEFAULT 0,
    stamp TEXT NOT NULL,
    field_stamps TEXT NOT NULL DEFAULT '{}'
  )`,
  `CREATE UNIQUE INDEX custom_field_key_live ON custom_field (key) WHERE deleted = 0`,
  `CREATE TABLE audit_event (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    batch_id TEXT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    device TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    action TEXT NOT NULL,
    label TEXT NOT NULL,
    before TEXT,
    after TEXT
  )`,
  `CREATE INDEX audit_event_entity ON audit_event (entity, entity_id)`,
  `CREATE INDEX audit_event_batch ON audit_event (batch_id)`,
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // Kysely runs SQLite migrations outside a transaction; SQLite's DDL is transactional, so use one.
  await db.transaction().execute(async (trx) => {
    for (const statement of statements) await sql.raw(statement).execute(trx);
  });
}
