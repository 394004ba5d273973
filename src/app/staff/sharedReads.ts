/**
 * One request for a read that several panels of a screen make together. A node's screen shows its rounds
 * in three places (the rounds panel, the period table's deadline column, the charts' span), each asking as
 * it mounts and again after a round changes: three identical requests each time. Here a read of the same
 * key made within `keepMs` of the first gets the first one's answer (still coming or come); a failed
 * read is not kept, and `forget` drops every answer once something this browser did changed what they say.
 * Callers share the answer: they must not change it.
 */
export interface SharedReads<T> {
  /** `key` names what is read and for whom (the signed-in member's session with it: another member reads afresh). */
  read(key: string, load: () => Promise<T>): Promise<T>;
  forget(): void;
}

export function sharedReads<T>(keepMs: number, now: () => number = Date.now): SharedReads<T> {
  const kept = new Map<string, { at: number; answer: Promise<T> }>();
  return {
    read(key, load) {
      const entry = kept.get(key);
      if (entry && now() - entry.at < keepMs) return entry.answer;
      const answer = load();
      const mine = { at: now(), answer };
      kept.set(key, mine);
      answer.catch(() => {
        if (kept.get(key) === mine) kept.delete(key);
      });
      return answer;
    },
    forget() {
      kept.clear();
    },
  };
}
