import Papa from 'papaparse';
import { localToday } from '../../src-shared/domain';
import { defuseCell } from '../services/csvCell';
import type { SnapshotBody, SnapshotHeader } from '../../src-shared/snapshot/format';
import type { RecordChange } from '../../src-shared/snapshot/plan';
import { effectiveByCustomer } from './access';
import { servicePaths } from './identity';
import { indexBody } from './merge';
import { planMerge, type MergePlan, type Seen } from './plan';

/** One side of a comparison: this copy's data or an opened snapshot, both as a body with a header. */
export type Side = {
  readonly name: string;
  readonly header: SnapshotHeader;
  readonly body: SnapshotBody;
  readonly seen: Seen;
};

/** How `right` differs from `left`, as the import preview shows it; pure, nothing is written. */
export function compareSides(left: Side, right: Side): MergePlan {
  return planMerge({
    local: left.body,
    localDeviceId: left.header.deviceId,
    localSeen: left.seen,
    remote: right,
    aliases: {},
    resolutions: {},
    restamp: left.header.clock,
    isTooFarAhead: () => false,
    today: localToday(),
  });
}

export type ReportData = {
  readonly title: string;
  readonly services: readonly { readonly path: string; readonly customers: number }[];
  readonly onDefaults: number;
  readonly onSpecific: number;
  readonly changes: readonly RecordChange[];
};

/** Per-service customer counts (effective services), customers on defaults vs specific, and the changes. */
export function reportData(side: Side, plan: MergePlan | null, today: string = localToday()): ReportData {
  const indexed = indexBody(side.body);
  const paths = servicePaths(new Map(indexed.services));
  const perService = new Map<string, number>();
  for (const services of effectiveByCustomer(indexed, today).values()) {
    for (const id of services) perService.set(id, (perService.get(id) ?? 0) + 1);
  }
  const live = side.body.customers.filter((customer) => !customer.deleted);
  return {
    title: side.name,
    services: side.body.services
      .filter((service) => !service.deleted)
      .map((service) => ({ path: paths.get(service.id) ?? service.name, customers: perService.get(service.id) ?? 0 }))
      .sort((a, b) => b.customers - a.customers || a.path.localeCompare(b.path)),
    onDefaults: live.filter((customer) => customer.accessMode === 'defaults').length,
    onSpecific: live.filter((customer) => customer.accessMode === 'specific').length,
    changes: plan ? [...plan.added, ...plan.changed, ...plan.removed] : [],
  };
}

function describe(change: RecordChange): string {
  return change.fields.map((field) => `${field.field}: ${show(field.mine)} → ${show(field.theirs)}`).join('; ');
}
function show(value: unknown): string {
  return value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);
}

export function reportCsv(data: ReportData): string {
  const rows: (string | number)[][] = [['section', 'item', 'value', 'detail']];
  for (const service of data.services) rows.push(['service customers', service.path, service.customers, '']);
  rows.push(['access mode', 'defaults', data.onDefaults, ''], ['access mode', 'specific', data.onSpecific, '']);
  for (const change of data.changes) rows.push(['change', change.label, change.kind, describe(change)]);
  const safe = rows.map((row) => row.map((cell) => (typeof cell === 'string' ? defuseCell(cell) : cell)));
  return `${Papa.unparse(safe)}\r\n`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A printable page: the chart is inline SVG, so it needs no script and no network. */
export function reportHtml(data: ReportData, generatedAt: string = new Date().toISOString()): string {
  const top = data.services.slice(0, 40);
  const max = Math.max(1, ...top.map((service) => service.customers));
  const barHeight = 18;
  const bars = top
    .map((service, index) => {
      const width = Math.round((service.customers / max) * 420);
      const y = index * (barHeight + 4);
      return `<text x="0" y="${y + 13}" font-size="11">${escapeHtml(service.path.slice(0, 48))}</text><rect x="300" y="${y}" width="${width}" height="${barHeight}" fill="#3b6fb6"/><text x="${306 + width}" y="${y + 13}" font-size="11">${service.customers}</text>`;
    })
    .join('');
  const chart = `<svg role="img" aria-label="Customers per service" width="780" height="${top.length * (barHeight + 4)}" xmlns="http://www.w3.org/2000/svg">${bars}</svg>`;
  const serviceRows = data.services
    .map((service) => `<tr><td>${escapeHtml(service.path)}</td><td class="n">${service.customers}</td></tr>`)
    .join('');
  const changeRows = data.changes
    .map(
      (change) =>
        `<tr><td>${escapeHtml(change.kind)}</td><td>${escapeHtml(change.label)}</td><td>${escapeHtml(describe(change))}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Service Allocator report — ${escapeHtml(data.title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}td.n{text-align:right}@media print{h2{page-break-before:auto}}</style></head>
<body><h1>Service Allocator report</h1><p>${escapeHtml(data.title)} · generated ${escapeHtml(String(generatedAt))}</p>
<h2>Customers per service</h2>${chart}
<table><thead><tr><th>Service</th><th>Customers</th></tr></thead><tbody>${serviceRows}</tbody></table>
<h2>Customers on defaults vs specific</h2><table><tbody><tr><th>Defaults</th><td class="n">${data.onDefaults}</td></tr><tr><th>Specific</th><td class="n">${data.onSpecific}</td></tr></tbody></table>
<h2>Changes</h2>${data.changes.length === 0 ? '<p>No changes.</p>' : `<table><thead><tr><th>Change</th><th>Record</th><th>Fields</th></tr></thead><tbody>${changeRows}</tbody></table>`}
</body></html>
`;
}
