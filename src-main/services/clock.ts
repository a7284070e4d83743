import type { Stamp } from '../../src-shared/domain';

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;
/** Stamps further ahead of this device's wall clock than this are treated as suspect. */
export const MAX_FUTURE_DRIFT_MS = 24 * 60 * 60 * 1000;

export type ParsedStamp = { readonly wall: number; readonly counter: number; readonly device: string };

export function formatStamp(stamp: ParsedStamp): Stamp {
  return `${String(stamp.wall).padStart(WALL_DIGITS, '0')}:${String(stamp.counter).padStart(COUNTER_DIGITS, '0')}:${stamp.device}`;
}

export function parseStamp(stamp: Stamp): ParsedStamp {
  const [wall = '0', counter = '0', device = ''] = stamp.split(':');
  return { wall: Number(wall), counter: Number(counter), device };
}

/**
 * A hybrid logical clock: stamps never go backwards on this device, and after observing a
 * remote stamp every new local stamp sorts after it.
 */
export class HybridClock {
  private wall: number;
  private counter: number;

  constructor(
    readonly deviceId: string,
    last: Stamp | null,
    private readonly now: () => number = Date.now,
  ) {
    const parsed = last ? parseStamp(last) : { wall: 0, counter: 0 };
    this.wall = parsed.wall;
    this.counter = parsed.counter;
  }

  next(): Stamp {
    const physical = this.now();
    if (physical > this.wall) {
      this.wall = physical;
      this.counter = 0;
    } else {
      this.counter += 1;
    }
    return formatStamp({ wall: this.wall, counter: this.counter, device: this.deviceId });
  }

  /** Moves past a stamp accepted from elsewhere. */
  observe(stamp: Stamp): void {
    const remote = parseStamp(stamp);
    if (remote.wall > this.wall || (remote.wall === this.wall && remote.counter > this.counter)) {
      this.wall = remote.wall;
      this.counter = remote.counter;
    }
  }

  isTooFarAhead(stamp: Stamp): boolean {
    return parseStamp(stamp).wall > this.now() + MAX_FUTURE_DRIFT_MS;
  }

  current(): Stamp {
    return formatStamp({ wall: this.wall, counter: this.counter, device: this.deviceId });
  }
}
