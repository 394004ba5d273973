import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from '../../../src/app/ui/router';

describe('the staff dashboard address', () => {
  it('is #/staff, with the rest of the address for the dashboard to read', () => {
    expect(parseRoute('#/staff')).toEqual({ screen: 'staff', path: [] });
    expect(parseRoute('#/staff/report/r-1')).toEqual({ screen: 'staff', path: ['report', 'r-1'] });
    expect(routeHref({ screen: 'staff', path: ['node', 'n 1'] })).toBe('#/staff/node/n%201');
  });

  it('still opens from a bookmark of the old #/district address, as the same screen under #/staff', () => {
    const old = parseRoute('#/district/report/r-1');
    expect(old).toEqual({ screen: 'staff', path: ['report', 'r-1'] });
    expect(routeHref(old)).toBe('#/staff/report/r-1');
  });
});
