import { useCallback, useMemo, useState } from 'react';

/**
 * The selections of an allocation dialog as changes against the saved state: an id is in the map
 * only while its wanted state differs from the saved one, so Save sends exactly what changed.
 */
export function useChangeSet() {
  const [changes, setChanges] = useState<ReadonlyMap<string, boolean>>(new Map());

  /** Sets the wanted state of many ids, each given with its saved state. */
  const setMany = useCallback((entries: Iterable<readonly [id: string, saved: boolean]>, wanted: boolean) => {
    setChanges((current) => {
      const next = new Map(current);
      for (const [id, saved] of entries) {
        if (saved === wanted) next.delete(id);
        else next.set(id, wanted);
      }
      return next;
    });
  }, []);

  const toggle = useCallback(
    (id: string, saved: boolean) => setMany([[id, saved]], !(changes.get(id) ?? saved)),
    [changes, setMany],
  );

  const reset = useCallback(() => setChanges(new Map()), []);

  const lists = useMemo(() => {
    const grant: string[] = [];
    const revoke: string[] = [];
    for (const [id, wanted] of changes) (wanted ? grant : revoke).push(id);
    return { grant, revoke };
  }, [changes]);

  return {
    changes,
    grant: lists.grant,
    revoke: lists.revoke,
    dirty: changes.size > 0,
    /** Whether the row is checked: its pending state, or the saved one. */
    checked: (id: string, saved: boolean) => changes.get(id) ?? saved,
    toggle,
    setMany,
    reset,
  };
}

export type ChangeSet = ReturnType<typeof useChangeSet>;

/** The header checkbox over the filtered rows: all, none, or some of them checked. */
export function triState(checkedCount: number, rowCount: number): 'all' | 'none' | 'some' {
  if (rowCount === 0 || checkedCount === 0) return 'none';
  return checkedCount === rowCount ? 'all' : 'some';
}
