/**
 * What a chart reads from the server, keyed by what it depends on: loaded again whenever the key changes,
 * undefined until the answer for this key is in (a late answer for an earlier key is dropped), `failed`
 * when it cannot be read; a null key reads nothing.
 */
import { useEffect, useState } from 'react';

export function useLoaded<T>(key: string | null, load: () => Promise<T>, failed: T): T | undefined {
  const [found, setFound] = useState<{ key: string; value: T } | null>(null);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    load().then(
      (value) => live && setFound({ key, value }),
      () => live && setFound({ key, value: failed }),
    );
    return () => {
      live = false;
    };
    // `key` names everything `load` reads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return key !== null && found?.key === key ? found.value : undefined;
}
