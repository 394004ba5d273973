/**
 * The request log of a real server process (Fastify's logger, as main.ts starts it): a sign-in, an
 * enrolment, two-step sign-in set up and used (its key, a TOTP code, recovery codes), a push of a report
 * with a figure and a text nobody else uses, a query string with the code; then the whole log is
 * searched: no password, token, code, key, figure or text of the report, and every line
 * about a request carries its request id. With BACKUP_DIR set, it also says the nightly backups are on.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as OTPAuth from 'otpauth';
import { expect, it } from 'vitest';
import type { StaffSecondStep, TotpSetup } from '../../../src/domain/staff';
import { issueEnrolmentCode } from '../../../src/server/services/devices';
import { createRootNode, createUnion } from '../../../src/server/services/organisation';
import { CONSOLE, createStaff } from '../../../src/server/services/staff';
import { api, describeOnEachStore, openTestStore, pushStored, readyReport } from '../helpers';
import { schemaUrl, startServerProcess, stopServerProcesses } from '../processes';

describeOnEachStore(
  (kind) => `the request log (${kind})`,
  (kind) => {
    it(
      'holds a request id on every request line and never a password, token, code or report content',
      async () => {
        const dataDir = mkdtempSync(join(tmpdir(), 'bao-cao-logs-'));
        const setup = await openTestStore(kind, kind === 'sqlite' ? { sqliteFile: join(dataDir, 'bao-cao-cdcs.sqlite') } : {});
        const context = { store: setup.store, now: () => new Date() };
        const root = await createRootNode(context, { kind: 'province', name: 'Liên đoàn Lao động tỉnh Thử Nghiệm' });
        const password = `Mat-khau-${randomBytes(6).toString('hex')}`;
        await createStaff(context, CONSOLE, root.id, { username: 'lan.log', password, role: 'admin' });
        const union = await createUnion(context, CONSOLE, { name: 'CĐCS Công ty May Tân Biên', superiorId: root.id });
        const { code } = await issueEnrolmentCode(context, CONSOLE, union.id, {});
        await setup.dispose({ keepData: true });

        const server =
          kind === 'sqlite'
            ? startServerProcess('', { DATA_DIR: dataDir, LOG_LEVEL: 'info', BACKUP_DIR: join(dataDir, 'backups') })
            : startServerProcess(schemaUrl(setup.pgSchema as string), { LOG_LEVEL: 'info', BACKUP_DIR: join(dataDir, 'backups') });
        let log = '';
        server.child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
        server.child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
        const secrets: string[] = [password, code, code.replace('-', ''), '987654', '876543'];
        /** Six digits, searched as a number of their own (not inside a timestamp or a duration). */
        const codes: string[] = [];
        try {
          const url = await server.url;
          const login = await api<{ token: string }>({ url }, 'POST', '/api/staff/login', null, { username: 'lan.log', password });
          expect(login.status).toBe(200);
          secrets.push(login.body.token);
          const staff = { headers: { authorization: `Bearer ${login.body.token}` } };
          expect((await api({ url }, 'GET', '/api/staff/me', staff)).status).toBe(200);
          expect((await api({ url }, 'POST', '/api/staff/login', null, { username: 'lan.log', password: `${password}-sai` })).status).toBe(401);
          // Two-step sign-in: its key, the code that turns it on, the recovery codes, a sign-in's challenge and one recovery code used.
          const setup = await api<TotpSetup>({ url }, 'POST', '/api/staff/me/totp/setup', staff);
          expect(setup.status).toBe(200);
          const totpCode = OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(setup.body.secret) });
          const confirmed = await api<{ recoveryCodes: string[] }>({ url }, 'POST', '/api/staff/me/totp/confirm', staff, { code: totpCode });
          expect(confirmed.status).toBe(200);
          const [recoveryCode] = confirmed.body.recoveryCodes as [string];
          const secondStep = await api<StaffSecondStep>({ url }, 'POST', '/api/staff/login', null, { username: 'lan.log', password });
          expect(secondStep.body.secondStep).toBe('totp');
          expect((await api({ url }, 'POST', '/api/staff/login/totp', null, { challenge: secondStep.body.challenge, recoveryCode })).status).toBe(200);
          codes.push(totpCode);
          secrets.push(setup.body.secret, setup.body.uri, secondStep.body.challenge, recoveryCode, recoveryCode.replace('-', ''), confirmed.body.recoveryCodes[1] as string);
          const enrolled = await api<{ token: string; deviceId: string }>({ url }, 'POST', '/api/enrol', null, { code, deviceName: 'Máy chị Hoa' });
          expect(enrolled.status).toBe(201);
          secrets.push(enrolled.body.token);
          const device = { ...enrolled.body, unionId: union.id, union: { id: union.id, name: union.name }, superior: null, headers: { authorization: `Bearer ${enrolled.body.token}` } };
          const secretText = `Kiến nghị riêng ${randomBytes(6).toString('hex')}`;
          secrets.push(secretText, secretText.split(' ').at(-1) as string);
          const report = readyReport({ proposals: { text: secretText } });
          report.membership.workers = 987_654;
          report.membership.members = 876_543;
          await pushStored({ url }, device as never, report);
          // A link that carries the code in its query string, as an enrolment QR code does.
          await api({ url }, 'GET', `/api/reports?since=0&code=${encodeURIComponent(code)}`, device);
        } finally {
          await stopServerProcesses([server.child]);
          rmSync(dataDir, { recursive: true, force: true });
        }
        expect(secrets).toHaveLength(15);
        for (const secret of secrets) expect(log, `the log holds ${secret}`).not.toContain(secret);
        expect(codes).toHaveLength(1);
        for (const totp of codes) expect(log, `the log holds the code ${totp}`).not.toMatch(new RegExp(`(?<![0-9])${totp}(?![0-9])`));
        const lines = log.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { reqId?: string; req?: unknown; res?: unknown });
        const requestLines = lines.filter((line) => line.req !== undefined || line.res !== undefined);
        // An incoming and a completed line for each of the six requests.
        expect(requestLines.length).toBeGreaterThanOrEqual(12);
        for (const line of requestLines) expect(line.reqId).toMatch(/^[0-9a-f-]{36}$/);
        // BACKUP_DIR set: the log says the nightly backups are on, when the next is, and that none is good yet.
        const backups = lines.find((line) => (line as { msg?: string }).msg === 'nightly backups on; no good backup yet') as { backupDir?: string; keep?: number; next?: string } | undefined;
        expect(backups).toMatchObject({ backupDir: join(dataDir, 'backups'), keep: 14 });
        expect(Date.parse(backups?.next ?? '') - Date.now()).toBeLessThanOrEqual(86_400_000);
      },
      300_000,
    );
  },
);
