import type { Store } from '../store/store';

/** What every service needs: the store and a clock (tests move time to expire codes and sessions). */
export interface ServiceContext {
  store: Store;
  now: () => Date;
}

export function isoNow(context: ServiceContext): string {
  return context.now().toISOString();
}
