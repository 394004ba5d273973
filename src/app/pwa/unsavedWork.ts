/**
 * Where the autosave tells the update prompt about edits not yet committed to IndexedDB. The
 * service-worker update reloads the page, so it must first flush these and refuse if any remain.
 * The app's autosave registers itself once at start: `registerUnsavedWork({ hasPendingWrites, flushPendingWrites })`.
 */
export interface UnsavedWork {
  hasPendingWrites(): boolean;
  flushPendingWrites(): Promise<void>;
}

const sources = new Set<UnsavedWork>();

export function registerUnsavedWork(source: UnsavedWork): () => void {
  sources.add(source);
  return () => sources.delete(source);
}

/** Flushes every pending write; true when nothing unsaved is left, so reloading loses nothing. */
export async function settleUnsavedWork(): Promise<boolean> {
  try {
    await Promise.all([...sources].map((source) => source.flushPendingWrites()));
  } catch {
    return false;
  }
  return [...sources].every((source) => !source.hasPendingWrites());
}
