/** Enrolment against a real server: the token is kept, and every failure has its own message key. */
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrolDevice, normaliseServerUrl, type EnrolDeps } from '../../../src/app/sync/enrol';
import { startTestServer, type TestServer } from '../../server/helpers';
import { makeDevice, type TestDevice } from './devices';
import { startProxy } from './proxy';

let server: TestServer;
let unionId: string;
let device: TestDevice;

beforeEach(async () => {
  server = await startTestServer();
  unionId = (await server.createUnion('CĐCS Trường Tiểu học Hòa Thành')).id;
  device = await makeDevice('enrol');
});

afterEach(async () => {
  device.close();
  await server.close();
});

function deps(overrides: Partial<EnrolDeps> = {}): EnrolDeps {
  return {
    fetch: globalThis.fetch,
    saveEnrolment: (url, token, name) => device.syncStore.saveEnrolment(url, token, name),
    ...overrides,
  };
}

describe('enrolDevice', () => {
  it('keeps the token and the server address, accepting the code typed loosely', async () => {
    const { code } = await server.issueCode(unionId);
    const typed = ` ${code.toLowerCase().replace('-', ' ')} `;
    const result = await enrolDevice(deps(), { serverUrl: `${server.url}/`, code: typed, deviceName: 'Điện thoại chị Lan' });
    expect(result).toMatchObject({ ok: true, serverUrl: server.url, response: { union: { name: 'CĐCS Trường Tiểu học Hòa Thành' } } });
    expect(await device.syncStore.connection()).toEqual({
      serverUrl: server.url,
      deviceToken: result.ok ? result.response.token : '',
    });
    expect(await device.local.settings.get('deviceName')).toBe('Điện thoại chị Lan');
    const devices = await server.store.listDevices(unionId);
    expect(devices.map((d) => d.name)).toEqual(['Điện thoại chị Lan']);
  });

  it('fills the profile’s empty fields with what the server knows, and keeps what the officer typed', async () => {
    const ward = await server.createNode({ name: 'Công đoàn phường Tân Ninh' });
    const union = await server.createUnion('CĐCS Công ty May Tân Ninh', ward.id);
    await server.store.write((tx) => tx.updateUnion(union.id, { employer: 'Công ty TNHH May Tân Ninh', sector: 'foreign' }));
    // Typed before enrolling, in a build that still asked for the district.
    await device.local.settings.set('profile', { unionName: '', employer: '', sector: '', district: 'Hòa Thành', signerName: 'Trần Thị Mai', placeName: 'Tây Ninh' });
    const { code } = await server.issueCode(union.id);
    const withProfile = deps({ fillProfile: (enrolled) => device.syncStore.fillProfile(enrolled) });
    expect((await enrolDevice(withProfile, { serverUrl: server.url, code, deviceName: 'Máy A' })).ok).toBe(true);
    expect(await device.local.settings.get('profile')).toEqual({
      unionName: 'CĐCS Công ty May Tân Ninh',
      employer: 'Công ty TNHH May Tân Ninh',
      sector: 'foreign',
      district: 'Hòa Thành',
      superiorName: 'Công đoàn phường Tân Ninh',
      commune: 'phường Tân Ninh',
      province: 'tỉnh Thử Nghiệm',
      placeName: 'Tây Ninh',
      signerName: 'Trần Thị Mai',
    });

    // Enrolled again (a new phone's code, the union renamed meanwhile): what is filled stays as the officer has it.
    await device.local.settings.set('profile', { ...(await device.local.settings.get('profile'))!, unionName: 'Công đoàn cơ sở Công ty May Tân Ninh' });
    await server.store.write((tx) => tx.updateUnion(union.id, { name: 'CĐCS Công ty TNHH May Tân Ninh' }));
    const again = await server.issueCode(union.id);
    expect((await enrolDevice(withProfile, { serverUrl: server.url, code: again.code, deviceName: 'Máy A' })).ok).toBe(true);
    expect((await device.local.settings.get('profile'))?.unionName).toBe('Công đoàn cơ sở Công ty May Tân Ninh');
  });

  it('says the code is wrong for an unknown code, and saves nothing', async () => {
    const result = await enrolDevice(deps(), { serverUrl: server.url, code: 'ZZZZ-ZZZZ', deviceName: 'Máy A' });
    expect(result).toEqual({ ok: false, failure: 'invalid_code' });
    expect(await device.syncStore.connection()).toBeNull();
  });

  it('says the code expired after its days, and when it is used up', async () => {
    const expiring = await server.issueCode(unionId, { validDays: 7 });
    server.advanceClock(8 * 24 * 3600_000);
    expect(await enrolDevice(deps(), { serverUrl: server.url, code: expiring.code, deviceName: 'Máy A' })).toEqual({
      ok: false,
      failure: 'expired_code',
    });

    const once = await server.issueCode(unionId, { maxUses: 1 });
    expect((await enrolDevice(deps(), { serverUrl: server.url, code: once.code, deviceName: 'Máy A' })).ok).toBe(true);
    expect(await enrolDevice(deps(), { serverUrl: server.url, code: once.code, deviceName: 'Máy B' })).toEqual({
      ok: false,
      failure: 'expired_code',
    });
  });

  it('says the superior withdrew a code, once withdrawn', async () => {
    const issued = await server.issueCode(unionId);
    await server.store.write((tx) => tx.withdrawEnrolmentCode(issued.id, new Date().toISOString()));
    expect(await enrolDevice(deps(), { serverUrl: server.url, code: issued.code, deviceName: 'Máy A' })).toEqual({
      ok: false,
      failure: 'withdrawn_code',
    });
    expect(await device.syncStore.connection()).toBeNull();
  });

  it('says there is no connection when the device is offline, without trying', async () => {
    let requests = 0;
    const counting: typeof fetch = (input, init) => {
      requests++;
      return globalThis.fetch(input, init);
    };
    const result = await enrolDevice(deps({ fetch: counting, isOnline: () => false }), {
      serverUrl: server.url,
      code: 'K7QF-M2XP',
      deviceName: 'Máy A',
    });
    expect(result).toEqual({ ok: false, failure: 'no_connection' });
    expect(requests).toBe(0);
  });

  it('says the server is not found when nothing listens there, or something else answers', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await enrolDevice(deps(), { serverUrl: `http://127.0.0.1:${port}`, code: 'K7QF-M2XP', deviceName: 'Máy A' })).toEqual({
      ok: false,
      failure: 'server_not_found',
    });

    const other = await startProxy(server.port);
    try {
      other.answerNextWith('HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: 9\r\nConnection: close\r\n\r\nNot found');
      expect(await enrolDevice(deps(), { serverUrl: other.url, code: 'K7QF-M2XP', deviceName: 'Máy A' })).toEqual({
        ok: false,
        failure: 'server_not_found',
      });
    } finally {
      await other.close();
    }
  });

  it('refuses an empty device name and a non-web address before asking the server', async () => {
    expect(await enrolDevice(deps(), { serverUrl: server.url, code: 'K7QF-M2XP', deviceName: '   ' })).toEqual({
      ok: false,
      failure: 'invalid_device_name',
    });
    expect(await enrolDevice(deps(), { serverUrl: 'ftp://ldld.example', code: 'K7QF-M2XP', deviceName: 'Máy A' })).toEqual({
      ok: false,
      failure: 'invalid_address',
    });
  });

  it('passes on how long to wait when the server rate-limits guessing', async () => {
    await server.close();
    server = await startTestServer({ rateLimits: { enrol: { limit: 1, windowMs: 60_000 } } });
    await enrolDevice(deps(), { serverUrl: server.url, code: 'ZZZZ-ZZZZ', deviceName: 'Máy A' });
    const limited = await enrolDevice(deps(), { serverUrl: server.url, code: 'ZZZZ-ZZZZ', deviceName: 'Máy A' });
    expect(limited).toMatchObject({ ok: false, failure: 'rate_limited' });
    expect(limited.ok ? 0 : limited.retryAfterSeconds).toBeGreaterThan(0);
  });
});

describe('normaliseServerUrl', () => {
  it('keeps scheme, host, port and path, and drops what the API does not need', () => {
    expect(normaliseServerUrl('http://192.168.1.10:8080/')).toBe('http://192.168.1.10:8080');
    expect(normaliseServerUrl('baocao.ldld.vn')).toBe('https://baocao.ldld.vn');
    expect(normaliseServerUrl('https://ldld.vn/bao-cao/?x=1#top')).toBe('https://ldld.vn/bao-cao');
    expect(normaliseServerUrl('')).toBeNull();
    expect(normaliseServerUrl('javascript:alert(1)')).toBeNull();
  });
});
