import { useCallback, useMemo, useState } from 'react';

type States = ReadonlyMap<string, boolean>;

/**
 * The selections of an allocation dialog as changes against the saved state: an id is in
 * `changes` only while its wanted state differs from the saved one, so Save sends exactly what
 * changed. `commit()` after a Save remembers what was written, so the rows stay right while the
 * fresh state is still on its way from main.
 */
export function useChangeSet() {
  const [changes, setChanges] = useState<States>(new Map());
  const [applied, setApplied] = useState<States>(new Map());

  const savedOf = useCallback((id: string, saved: boolean) => applied.get(id) ?? saved, [applied]);

  /** Sets the wanted state of many ids, each given with its saved state. */
  const setMany = useCallback(
    (entries: Iterable<readonly [id: string, saved: boolean]>, wanted: boolean) => {
      setChanges((current) => {
        const next = new Map(current);
        for (const [id, saved] of entries) {
          if ((applied.get(id) ?? saved) === wanted) next.delete(id);
          else next.set(id, wanted);
        }
        return next;
      });
    },
    [applied],
  );

  const checked = useCallback(
    (id: string, saved: boolean) => changes.get(id) ?? applied.get(id) ?? saved,
    [changes, applied],
  );
  const toggle = useCallback(
    (id: string, saved: boolean) => setMany([[id, saved]], !checked(id, saved)),
    [checked, setMany],
  );

  /** After a successful Save: the changes are now the saved state. */
  const commit = useCallback(() => {
    setApplied((current) => new Map([...current, ...changes]));
    setChanges(new Map());
  }, [changes]);

  const lists = useMemo(() => {
    const grant: string[] = [];
    const revoke: string[] = [];
    for (const [id, wanted] of changes) (wanted ? grant : revoke).push(id);
    return { grant, revoke };
  }, [changes]);

  /** How many more rows are checked than saved rows, given the saved state the dialog loaded. */
  const delta = useCallback(
    (savedHas: (id: string) => boolean) => {
      let net = 0;
      for (const id of new Set([...applied.keys(), ...changes.keys()]))
        net += Number(checked(id, savedHas(id))) - Number(savedHas(id));
      return net;
    },
    [applied, changes, checked],
  );

  return {
    changes,
    grant: lists.grant,
    revoke: lists.revoke,
    dirty: changes.size > 0,
    savedOf,
    checked,
    toggle,
    setMany,
    commit,
    delta,
  };
}

export type ChangeSet = ReturnType<typeof useChangeSet>;

/** The header checkbox over the filtered rows: all, none, or some of them checked. */
export function triState(checkedCount: number, rowCount: number): 'all' | 'none' | 'some' {
  if (rowCount === 0 || checkedCount === 0) return 'none';
  return checkedCount === rowCount ? 'all' : 'some';
}
