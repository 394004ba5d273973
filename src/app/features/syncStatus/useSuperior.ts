/**
 * The union's superior as this device knows it: saved at enrolment, replaced whenever the change
 * feed names another (a move) or a new name (a rename), in this tab or another.
 */
import { useEffect, useState } from 'react';
import type { Superior } from '../../../domain/organisation';
import { sameValue } from '../../../domain/merge';
import { getLocalStore } from '../../db';
import { superiorName, useI18n } from '../../i18n';

/**
 * The superior last read by any screen of this tab: a screen opened later (the editor, after the list)
 * draws its name at once instead of "công đoàn cấp trên" until its own first read; that read follows.
 */
let lastRead: Superior | null = null;

export function useSuperior(): Superior | null {
  const [superior, setSuperior] = useState<Superior | null>(() => lastRead);
  // The same superior as before (the first read, a write of another setting): no new drawing.
  useEffect(
    () =>
      getLocalStore().settings.watch('superior', (value) => {
        lastRead = value ?? null;
        setSuperior((current) => (sameValue(current, value ?? null) ? current : (value ?? null)));
      }),
    [],
  );
  return superior;
}

/** The superior's name for a sentence, or "công đoàn cấp trên" before enrolment. */
export function useSuperiorName(): string {
  const { t } = useI18n();
  return superiorName(useSuperior(), t.superior.fallback);
}
