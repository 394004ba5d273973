import { afterEach, describe, expect, it } from 'vitest';
import { newUuid } from '../../../src/app/db';
import { reportDocumentSchema } from '../../../src/domain/reportSchema';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterEach(() => {
  // Drop the own property that hid the prototype's randomUUID.
  Reflect.deleteProperty(crypto, 'randomUUID');
});

describe('ids made on the device', () => {
  it('are v4 UUIDs the report schema accepts, also where randomUUID is missing (plain http on a LAN)', () => {
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    expect(typeof crypto.randomUUID).toBe('undefined');
    const ids = new Set(Array.from({ length: 200 }, () => newUuid()));
    expect(ids.size).toBe(200);
    for (const id of ids) {
      expect(id).toMatch(V4);
      expect(reportDocumentSchema.shape.id.safeParse(id).success).toBe(true);
    }
  });

  it('uses the browser’s own randomUUID where it exists', () => {
    expect(typeof crypto.randomUUID).toBe('function');
    expect(newUuid()).toMatch(V4);
  });
});
