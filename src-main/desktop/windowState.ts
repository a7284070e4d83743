import { z } from 'zod';

/** How much of a window must still be on a display to stay there (a title bar's worth to grab). */
const MIN_VISIBLE = { width: 120, height: 40 } as const;

export type Rect = { readonly x: number; readonly y: number; readonly width: number; readonly height: number };

export const windowStateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

/** The area of `a` on `b`, counted only when a title bar's worth of it is there to grab. */
function grabbableOverlap(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width >= MIN_VISIBLE.width && height >= MIN_VISIBLE.height ? width * height : 0;
}

/**
 * Where a saved window goes on the displays there are now (their work areas, the primary first):
 * on the display it overlaps most, made to fit it and moved inside it; centred on the primary
 * display when too little of it is on any (a monitor unplugged since). Null without displays.
 */
export function clampBounds(
  saved: Rect,
  workAreas: readonly Rect[],
  minimum: Readonly<{ width: number; height: number }>,
): Rect | null {
  const primary = workAreas[0];
  if (!primary) return null;
  let best: Rect | null = null;
  let bestArea = 0;
  for (const area of workAreas) {
    const shared = grabbableOverlap(saved, area);
    if (shared > bestArea) {
      best = area;
      bestArea = shared;
    }
  }
  const visible = best !== null;
  const area = visible && best ? best : primary;
  const width = Math.min(Math.max(saved.width, minimum.width), area.width);
  const height = Math.min(Math.max(saved.height, minimum.height), area.height);
  if (!visible) {
    return {
      x: area.x + Math.round((area.width - width) / 2),
      y: area.y + Math.round((area.height - height) / 2),
      width,
      height,
    };
  }
  const x = Math.min(Math.max(saved.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(saved.y, area.y), area.y + area.height - height);
  return { x, y, width, height };
}
