/**
 * Runs `work` once the next frame has painted (a task queued from that frame's animation
 * callback). Calls made before then share that one run, so answers arriving together draw once.
 */
export function afterPaintOnce(work: () => void): () => void {
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() =>
      setTimeout(() => {
        queued = false;
        work();
      }, 0),
    );
  };
}
