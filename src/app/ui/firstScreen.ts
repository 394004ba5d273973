/**
 * "The first screen is drawn": what the officer opened (the list, or the editor holding the draft)
 * shows its content. Work the first screen does not need — loading and starting the sync engine,
 * registering the service worker, asking for persistent storage — waits for it, then for an idle
 * moment, so that on a slow phone it never competes with drawing the draft. A screen that never says
 * so (settings, backup …) lets the work start after `FALLBACK_MS` anyway.
 */
const FALLBACK_MS = 3000;

let drawn = false;
const waiting: (() => void)[] = [];

function runWaiting(): void {
  for (const work of waiting.splice(0)) work();
}

/** Called by the list and the editor once their content is on screen; later calls do nothing. */
export function noteFirstScreenDrawn(): void {
  if (drawn) return;
  drawn = true;
  // After the frame that shows it has been painted.
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(runWaiting, 0));
  else setTimeout(runWaiting, 0);
}

/** Runs `work` once the first screen is drawn and the browser is idle (at the latest `FALLBACK_MS` after start). */
export function afterFirstScreen(work: () => void): void {
  let done = false;
  const idle = () => {
    if (done) return;
    done = true;
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => work(), { timeout: 1000 });
    else setTimeout(work, 0);
  };
  if (drawn && waiting.length === 0) {
    idle();
    return;
  }
  waiting.push(idle);
  setTimeout(idle, FALLBACK_MS);
}
