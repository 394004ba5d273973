/**
 * A hash router of four screens. The hash keeps every address servable by the service worker's
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
  /** The district dashboard (lazy); `path` is the rest of the address, which the dashboard reads itself. */
  | { screen: 'district'; path: string[] };

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
    case 'district':
      return { screen: 'district', path: parts.slice(1) };
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
    case 'district':
      return ['#/district', ...route.path.map(encodeURIComponent)].join('/');
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

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
