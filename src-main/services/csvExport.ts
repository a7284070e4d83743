import { compareServicePaths } from '../../src-shared/domain';
import type { CsvEntity } from '../../src-shared/ipc/methods/csv';
import type { ServiceContext } from './context';
import { columnsFor } from './csvColumns';
import { toCsv } from './csvFormat';
import { listCustomFields } from './customFields';

type Cells = Record<string, string>;

function customerCells(context: ServiceContext): Cells[] {
  const rows = context.conn.sql
    .prepare(
      'SELECT code, name, street, zip, city, country, url, comment, validity, custom_fields FROM customer WHERE deleted = 0 ORDER BY code COLLATE NOCASE',
    )
    .all() as (Cells & { custom_fields: string })[];
  return rows.map(({ custom_fields: custom, ...cells }) => {
    const values = JSON.parse(custom) as Record<string, string | number | null>;
    const extra = Object.fromEntries(
      Object.entries(values).map(([key, value]) => [`customFields.${key}`, value === null ? '' : String(value)]),
    );
    return { ...cells, ...extra };
  });
}

function customerUserCells(context: ServiceContext): Cells[] {
  return context.conn.sql
    .prepare(
      `SELECT u.login, u.first_name AS firstName, u.last_name AS lastName, u.email, u.phone, c.code AS customer, u.validity, u.comment,
         (SELECT group_concat(code, ', ') FROM (SELECT x.code FROM customer_user_customer l JOIN customer x ON x.id = l.customer_id
           WHERE l.user_id = u.id AND l.granted = 1 AND x.deleted = 0 ORDER BY x.code COLLATE NOCASE)) AS additionalCustomers
       FROM customer_user u JOIN customer c ON c.id = u.customer_id
       WHERE u.deleted = 0 AND c.deleted = 0 ORDER BY u.login COLLATE NOCASE`,
    )
    .all() as Cells[];
}

function serviceCells(context: ServiceContext): Cells[] {
  const rows = context.conn.sql
    .prepare('SELECT path, type, criticality, comment, validity FROM service WHERE deleted = 0')
    .all() as (Cells & { criticality: number })[];
  return rows
    .sort((a, b) => compareServicePaths(a.path ?? '', b.path ?? ''))
    .map((row) => ({ ...row, criticality: String(row.criticality) }));
}

/** Every live record of one kind as CSV text with screen-name headers; a parent always precedes its children. */
export function exportCsv(context: ServiceContext, entity: CsvEntity): { text: string; records: number } {
  const columns = columnsFor(entity, listCustomFields(context));
  const records =
    entity === 'customers'
      ? customerCells(context)
      : entity === 'customerUsers'
        ? customerUserCells(context)
        : serviceCells(context);
  const rows = records.map((record) => columns.map((column) => record[column.key] ?? ''));
  return {
    text: toCsv(
      columns.map((column) => column.label),
      rows,
    ),
    records: rows.length,
  };
}
