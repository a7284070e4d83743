import { useEffect, useState } from 'react';

/** A number that grows whenever main reports changed data, so a dialog reloads its saved state. */
export function useDataVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => window.api.on('data:changed', () => setVersion((value) => value + 1)), []);
  return version;
}
