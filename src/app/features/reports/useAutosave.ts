/**
 * Autosave without a save button: the latest document is committed 400 ms after the last change
 * (well within the promised second), at once when the page is hidden or left, and before a
 * service-worker update or another tab's upgrade (through the pending-writes registry).
 * Saves never overlap; a failed save keeps the edit waiting and is retried.
 */
import { useEffect, useState } from 'react';
import { signal, type Signal } from '../../ui/signal';
import type { ReportDocument } from '../../../domain/report';
import {
  DatabaseClosedError,
  StorageFullError,
  notifyPendingWritesChanged,
  registerPendingWriteSource,
} from '../../db';

export const AUTOSAVE_DELAY_MS = 400;
const RETRY_DELAY_MS = 3_000;

export type AutosaveState =
  | { phase: 'idle' }
  | { phase: 'pending' }
  | { phase: 'saving' }
  | { phase: 'saved'; at: string }
  | { phase: 'failed'; reason: 'storageFull' | 'closed' | 'other' };

export interface AutosaveCallbacks {
  save(document: ReportDocument): Promise<ReportDocument>;
  onSaved(document: ReportDocument): void;
  onState(state: AutosaveState): void;
}

/** The debounce and the one-save-at-a-time queue, kept out of React so its timing is plain. */
export class AutosaveQueue {
  private waiting: ReportDocument | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;

  private phase: AutosaveState['phase'] = 'idle';
  private readonly callbacks: AutosaveCallbacks;

  constructor(callbacks: AutosaveCallbacks) {
    this.callbacks = {
      ...callbacks,
      onState: (state) => {
        this.phase = state.phase;
        callbacks.onState(state);
      },
    };
  }

  get hasPendingWrites(): boolean {
    return this.waiting !== null || this.running !== null;
  }

  /** A document waits for its turn (not counting the save that runs). */
  get hasWaitingDocument(): boolean {
    return this.waiting !== null;
  }

  schedule(document: ReportDocument): void {
    const wasIdle = this.waiting === null;
    this.waiting = document;
    if (wasIdle) notifyPendingWritesChanged();
    this.callbacks.onState({ phase: 'pending' });
    this.arm(AUTOSAVE_DELAY_MS);
  }

  async flush(): Promise<void> {
    this.disarm();
    while (this.running) await this.running;
    const document = this.waiting;
    if (!document) return;
    this.waiting = null;
    // 'pending' and 'saving' read the same to the officer; changing the phase would redraw the whole
    // editor while the save's transaction runs, and on a slow phone delay its commit by that much.
    if (this.phase !== 'pending') this.callbacks.onState({ phase: 'saving' });
    const attempt = this.saveOnce(document);
    this.running = attempt.catch(() => {});
    try {
      await attempt;
    } finally {
      this.running = null;
      notifyPendingWritesChanged();
    }
  }

  dispose(): void {
    this.disarm();
  }

  private async saveOnce(document: ReportDocument): Promise<void> {
    try {
      const saved = await this.callbacks.save(document);
      this.callbacks.onState(this.waiting ? { phase: 'pending' } : { phase: 'saved', at: new Date().toISOString() });
      this.callbacks.onSaved(saved);
    } catch (error) {
      // Keep the edit waiting unless a newer one replaced it meanwhile.
      this.waiting ??= document;
      const reason =
        error instanceof StorageFullError ? 'storageFull' : error instanceof DatabaseClosedError ? 'closed' : 'other';
      this.callbacks.onState({ phase: 'failed', reason });
      if (reason === 'other') this.arm(RETRY_DELAY_MS);
      throw error;
    }
  }

  private arm(delay: number): void {
    this.disarm();
    this.timer = setTimeout(() => void this.flush().catch(() => {}), delay);
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

export interface Autosave {
  /**
   * Followed by the save indicator alone (`useSignal`): a change of phase redraws that line, not the
   * whole editor, so a save's end never occupies a slow phone with the form.
   */
  state: Signal<AutosaveState>;
  queue: AutosaveQueue;
}

export function useAutosave(
  save: (document: ReportDocument) => Promise<ReportDocument>,
  onSaved: (document: ReportDocument) => void,
): Autosave {
  const [state] = useState(() => signal<AutosaveState>({ phase: 'idle' }));
  // The callbacks are taken once: pass functions that stay valid for the editor's life.
  const [queue] = useState(
    () =>
      new AutosaveQueue({
        save,
        onSaved,
        onState: (next) => {
          // 'pending' again at each keystroke: the line already says so.
          if (next.phase === 'pending' && state.get().phase === 'pending') return;
          state.set(next);
        },
      }),
  );

  useEffect(() => {
    const flush = () => queue.flush().catch(() => {});
    const unregister = registerPendingWriteSource({
      hasPendingWrites: () => queue.hasPendingWrites,
      flush: () => queue.flush(),
    });
    const onHidden = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('pagehide', flush);
    return () => {
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', flush);
      // Leaving the editor: what was typed is committed, not dropped.
      void flush().finally(unregister);
    };
  }, [queue]);

  return { state, queue };
}
