import type { SnapshotCounts, SnapshotTable } from './format';

/** One field that an import would change: "City: Berlin → Munich, by laptop-anna, at …". */
export type FieldChange = {
  readonly field: string;
  readonly mine: unknown;
  readonly theirs: unknown;
  /** Who wrote the incoming value (a device name when known, else its id) and when (ISO). */
  readonly by: string;
  readonly at: string;
};

export type RecordChange = {
  readonly table: SnapshotTable;
  /** The record's id, or "customerId/serviceId" for a register. */
  readonly key: string;
  /** The record in an admin's words: "ACME · Acme Corporation", "IT::Email". */
  readonly label: string;
  readonly kind: 'added' | 'changed' | 'removed';
  readonly fields: readonly FieldChange[];
};

/** Both sides wrote the same field without seeing each other's write (or theirs is from the future). */
export type Conflict = {
  readonly id: string;
  readonly table: SnapshotTable;
  readonly key: string;
  readonly label: string;
  readonly field: string;
  readonly mine: unknown;
  readonly theirs: unknown;
  readonly mineAt: string;
  readonly theirsAt: string;
  readonly theirsBy: string;
  readonly reason: 'concurrent' | 'future';
  /** What happens unless the admin chooses: the later write wins; a stamp from the future never does. */
  readonly defaultChoice: ConflictChoice;
};
export type ConflictChoice = 'mine' | 'theirs';

/** The same natural key (Customer ID, login, service path) on a record this copy does not know. */
export type Collision = {
  readonly id: string;
  readonly table: 'customers' | 'customerUsers' | 'services';
  readonly naturalKey: string;
  readonly mineId: string;
  readonly theirsId: string;
  readonly label: string;
};
export type CollisionChoice = 'link' | 'keep-both';

/** Which services a customer gains or loses (docs/ARCHITECTURE.md#effective-services). */
export type AccessChange = {
  readonly customerId: string;
  readonly label: string;
  readonly gained: readonly string[];
  readonly lost: readonly string[];
};

export type Resolutions = {
  readonly conflicts?: Readonly<Record<string, ConflictChoice>>;
  readonly collisions?: Readonly<Record<string, CollisionChoice>>;
};

export type SnapshotBanner = {
  readonly fileName: string;
  readonly exporter: string;
  readonly deviceName: string;
  readonly deviceId: string;
  readonly exportedAt: string;
  readonly appVersion: string;
  readonly counts: SnapshotCounts;
};

/** Lists are capped for the screen; the counts are always the true ones. */
export const PREVIEW_LIST_LIMIT = 1000;

/** What a merge would do, as the preview lists it: true counts, lists capped for the screen. */
export type PlanOutcome = {
  readonly counts: {
    readonly added: number;
    readonly changed: number;
    readonly removed: number;
    readonly conflicts: number;
    readonly collisions: number;
    readonly accessChanges: number;
  };
  readonly accessChanges: readonly AccessChange[];
  readonly added: readonly RecordChange[];
  readonly changed: readonly RecordChange[];
  readonly removed: readonly RecordChange[];
  readonly conflicts: readonly Conflict[];
  readonly collisions: readonly Collision[];
  /** Services whose parent chain the merge would make circular, moved to the top level. */
  readonly cyclesBroken: readonly string[];
  /** Records renamed to keep a natural key unique ("ACME-2"). */
  readonly renamed: readonly string[];
};

export type ImportPreview = PlanOutcome & {
  readonly previewId: string;
  readonly banner: SnapshotBanner;
  /** True when importing would change nothing: "Nothing to import". */
  readonly inStep: boolean;
};

export type ImportSummary = {
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
  readonly conflicts: number;
  readonly backupPath: string;
};

export type ExportResult = { readonly path: string; readonly bytes: number; readonly counts: SnapshotCounts };
