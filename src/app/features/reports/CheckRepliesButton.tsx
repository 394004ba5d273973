/**
 * "Kiểm tra phản hồi": only asks the server what changed (the superior's decisions), never pushes,
 * and says when it last looked. Shown once this device is connected to a server.
 */
import { useState } from 'react';
import { formatTime, useI18n } from '../../i18n';
import { checkForReplies, isSyncStarted, type SyncStatus } from '../../sync';
import { useShownSyncStatus, useSuperiorName } from '../syncStatus';
import { lifecycleMessages } from './lifecycleMessages';

type Check = { kind: 'idle' } | { kind: 'checking' } | { kind: 'done'; at: Date } | { kind: 'failed' };

/** `known`: where sync stands as storage says (see `useShownSyncStatus`). */
export function CheckRepliesButton({ known }: { known?: SyncStatus | null }) {
  const { language } = useI18n();
  const m = lifecycleMessages(language, useSuperiorName());
  const shown = useShownSyncStatus(known);
  const [check, setCheck] = useState<Check>({ kind: 'idle' });
  // Only once the engine runs (a check needs it), and not for a device it cannot sync.
  if (!isSyncStarted() || !shown || shown.state === 'unenrolled' || shown.state === 'unauthorized') return null;
  const onCheck = async () => {
    setCheck({ kind: 'checking' });
    try {
      const result = await checkForReplies();
      setCheck(result?.outcome === 'synced' ? { kind: 'done', at: new Date() } : { kind: 'failed' });
    } catch {
      setCheck({ kind: 'failed' });
    }
  };
  return (
    <div className="check-replies">
      <button type="button" className="button" data-testid="check-replies" disabled={check.kind === 'checking'} onClick={() => void onCheck()}>
        {check.kind === 'checking' ? m.checking : m.checkReplies}
      </button>
      <p className="check-replies-result" role="status" data-testid="check-replies-result">
        {check.kind === 'done' ? m.checkedAt(formatTime(check.at)) : check.kind === 'failed' ? m.checkFailed : ''}
      </p>
    </div>
  );
}
