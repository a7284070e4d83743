import { useEffect, useState } from 'react';
import type { Method, OutputOf } from '../../../src-shared/ipc/contract';
import { call, errorMessage } from '../../api';

type GetMethod = Extract<Method, 'customers:get' | 'services:get' | 'customerUsers:get'>;

/** Loads one record by id for a dialog; `record` stays null for a new one. */
export function useRecord<M extends GetMethod>(method: M, id: string | null) {
  const [record, setRecord] = useState<OutputOf<M> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!id) return;
    // Every get method takes { id }; TypeScript cannot see that through the generic method name.
    (call as (name: M, input: { id: string }) => Promise<OutputOf<M>>)(method, { id }).then(
      setRecord,
      (failure: unknown) => setError(errorMessage(failure)),
    );
  }, [method, id]);
  return { record, error, loading: id !== null && record === null };
}
