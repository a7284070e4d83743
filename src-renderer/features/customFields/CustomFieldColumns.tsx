import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { customFieldValue, type CustomFieldValue } from '../../../src-shared/domain';
import { columnDefinitions, useCustomFields } from './store';

/** Headers of the custom fields the admin chose to see as customer-list columns. */
export function CustomFieldHeaders() {
  const loaded = useCustomFields((state) => state.loaded);
  const definitions = useCustomFields(useShallow((state) => columnDefinitions(state)));
  useEffect(() => {
    if (!loaded) void useCustomFields.getState().load();
  }, [loaded]);
  return (
    <>
      {definitions.map((definition) => (
        <span key={definition.key} className="col-custom">
          {definition.label}
        </span>
      ))}
    </>
  );
}

/** One row's values for those columns. */
export function CustomFieldCells({ values }: Readonly<{ values: Readonly<Record<string, CustomFieldValue>> }>) {
  const definitions = useCustomFields(useShallow((state) => columnDefinitions(state)));
  return (
    <>
      {definitions.map((definition) => (
        <span key={definition.key} role="gridcell" className="col-custom">
          {String(customFieldValue(values, definition.key) ?? '')}
        </span>
      ))}
    </>
  );
}
