import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

/**
 * A full garbage collection, now. For the one place a long task lets go of most of what it held
 * (an import, once its plan is made): V8 sizes the heap after its last full collection, so
 * without one the heap grows to about twice the plan's size before the garbage is found.
 * `gc` is not exposed without the flag; set at run time, a fresh context gets it. Where that
 * does not hold, nothing is collected early and nothing else changes.
 */
export function collectGarbage(): void {
  if (gc === undefined) {
    setFlagsFromString('--expose-gc');
    const found: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
    gc = typeof found === 'function' ? (found as () => void) : () => undefined;
  }
  gc();
}
