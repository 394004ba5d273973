/**
 * A hash router of the app's screens. The hash keeps every address servable by the service worker's
 * one cached `index.html`, offline included.
 */
import { useEffect, useState } from 'react';

export type Route =
  | { screen: 'reports' }
  | { screen: 'report'; reportId: string; section: string | null }
  | { screen: 'profile' }
  | { screen: 'backup' }
  | { screen: 'settings' }
  | { screen: 'enrol' }
  /** The staff dashboard of the upper-level unions (lazy); `path` is the rest of the address, which it reads itself. */
  | { screen: 'staff'; path: string[] }
  /** The report as an official document (preview and print), loaded on demand. */
  | { screen: 'print'; reportId: string };

export function parseRoute(hash: string): Route {
  // A query after the path (`#/enrol?server=…&code=…`, what an enrolment QR code holds) is the screen's own to read.
  const parts = hash.replace(/^#\/?/, '').replace(/\?.*$/, '').split('/').filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case 'report':
      return parts[1] ? { screen: 'report', reportId: parts[1], section: parts[2] ?? null } : { screen: 'reports' };
    case 'profile':
      return { screen: 'profile' };
    case 'backup':
      return { screen: 'backup' };
    case 'settings':
      return { screen: 'settings' };
    case 'enrol':
      return { screen: 'enrol' };
    case 'staff':
      return { screen: 'staff', path: parts.slice(1) };
    // The dashboard's address before the organisation tree (bookmarks from then): the same screens.
    case 'district':
      return { screen: 'staff', path: parts.slice(1) };
    case 'print':
      return parts[1] ? { screen: 'print', reportId: parts[1] } : { screen: 'reports' };
    default:
      return { screen: 'reports' };
  }
}

export function routeHref(route: Route): string {
  switch (route.screen) {
    case 'reports':
      return '#/';
    case 'report':
      return `#/report/${encodeURIComponent(route.reportId)}${route.section ? `/${route.section}` : ''}`;
    case 'staff':
      return ['#/staff', ...route.path.map(encodeURIComponent)].join('/');
    case 'print':
      return `#/print/${encodeURIComponent(route.reportId)}`;
    default:
      return `#/${route.screen}`;
  }
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const href = routeHref(route);
  if (options.replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

/** `#/district/…` (the dashboard's address before the organisation tree) is shown as `#/staff/…`. */
function redirectOldAddress(): void {
  if (/^#\/?district(\/|$)/.test(location.hash)) history.replaceState(null, '', routeHref(parseRoute(location.hash)));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => {
    redirectOldAddress();
    return parseRoute(location.hash);
  });
  useEffect(() => {
    const update = () => {
      redirectOldAddress();
      setRoute(parseRoute(location.hash));
    };
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
