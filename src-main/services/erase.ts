import { REDACTED } from '../../src-shared/domain/auditText';
import { ServiceError } from '../../src-shared/ipc/envelope';
import type { EraseResult } from '../../src-shared/ipc/methods/audit';
import type { ServiceContext } from './context';
import { stampFields } from './records';

/** The personal data of a customer user, by event field name and column. */
const personalFields = {
  firstName: 'first_name',
  lastName: 'last_name',
  email: 'email',
  phone: 'phone',
  comment: 'comment',
} as const;
type PersonalField = keyof typeof personalFields;
const fieldNames = Object.keys(personalFields) as PersonalField[];

type EventRow = {
  id: number;
  entity: string;
  entity_id: string;
  label: string;
  before: string | null;
  after: string | null;
};

/** Replaces personal fields by the marker, and any string equal to an erased value. */
function redact(value: unknown, erased: ReadonlySet<string>, isUser: boolean): unknown {
  if (typeof value === 'string') return erased.has(value) ? REDACTED : value;
  if (Array.isArray(value)) return value.map((item) => redact(item, erased, isUser));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        isUser && fieldNames.includes(key as PersonalField) && item !== '' ? REDACTED : redact(item, erased, isUser),
      ]),
    );
  }
  return value;
}

function redactJson(text: string | null, erased: ReadonlySet<string>, isUser: boolean): string | null {
  return text === null ? null : JSON.stringify(redact(JSON.parse(text), erased, isUser));
}

/** The user's own labels lose every erased value; other records' labels only an exact match. */
function redactLabel(label: string, erased: ReadonlySet<string>, isUser: boolean): string {
  if (!isUser) return erased.has(label) ? REDACTED : label;
  let out = label;
  for (const value of erased) out = out.split(value).join(REDACTED);
  return out;
}

/**
 * Right to be forgotten: the customer user's first and last name, email, phone and comment
 * become a redaction marker in the record and in every past audit event (so in every later
 * snapshot); the login, the links and the fact that changes happened stay. Afterwards the file
 * is rewritten (secure_delete, WAL truncated, VACUUM) so no erased value survives on disk.
 */
export function eraseCustomerUser(context: ServiceContext, id: string, confirmLogin: string): EraseResult {
  const { sql: run, sqlite } = context.conn;
  const user = run.prepare('SELECT * FROM customer_user WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  if (!user) throw new ServiceError('not-found', `Customer user ${id} does not exist.`);
  const login = String(user.login);
  if (confirmLogin.trim() !== login) {
    throw new ServiceError('invalid-input', `Type the login "${login}" to confirm.`, {
      confirmLogin: `Type ${login} to confirm`,
    });
  }
  const userEvents = run
    .prepare(`SELECT * FROM audit_event WHERE entity = 'customerUser' AND entity_id = ?`)
    .all(id) as EventRow[];
  // Every value these fields ever had: past values live on in older events.
  const erased = new Set<string>();
  for (const field of fieldNames) erased.add(String(user[personalFields[field]]));
  for (const event of userEvents) {
    for (const side of [event.before, event.after]) {
      const values = side ? (JSON.parse(side) as Record<string, unknown>) : {};
      for (const field of fieldNames) if (typeof values[field] === 'string') erased.add(values[field]);
    }
  }
  erased.delete('');
  erased.delete(REDACTED);
  erased.delete(login);

  sqlite.pragma('secure_delete = ON');
  const result = context.write(['customerUser'], (batch) => {
    const fields = fieldNames.filter((field) => user[personalFields[field]] !== '');
    const sets = fields.map((field) => `${personalFields[field]} = '${REDACTED}'`);
    run
      .prepare(`UPDATE customer_user SET ${[...sets, 'field_stamps = ?', 'updated_at = ?'].join(', ')} WHERE id = ?`)
      .run(stampFields(String(user.field_stamps), fields, batch.stamp), batch.at, id);
    const update = run.prepare('UPDATE audit_event SET label = ?, before = ?, after = ? WHERE id = ?');
    // Other records' events may quote the user (a comment naming them): check them all.
    const candidates = run
      .prepare('SELECT id, entity, entity_id, label, before, after FROM audit_event')
      .iterate() as Iterable<EventRow>;
    const changes: [string, string | null, string | null, number][] = [];
    for (const event of candidates) {
      const isUser = event.entity === 'customerUser' && event.entity_id === id;
      const text = `${event.label}\u0000${event.before ?? ''}\u0000${event.after ?? ''}`;
      if (!isUser && ![...erased].some((value) => text.includes(value))) continue;
      changes.push([
        redactLabel(event.label, erased, isUser),
        redactJson(event.before, erased, isUser),
        redactJson(event.after, erased, isUser),
        event.id,
      ]);
    }
    for (const change of changes) update.run(...change);
    batch.audit({
      entity: 'customerUser',
      entityId: id,
      action: 'erase',
      label: login,
      before: null,
      after: { erased: fields },
    });
    return { id, login, fields, events: changes.length };
  });
  // Old row versions sit in the WAL and in free pages: rewrite the file and empty the WAL.
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.exec('VACUUM');
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return result;
}
