/**
 * What a new province reads when it follows the README and types admin commands (issue 21):
 * - the README's first steps, run as written against a fresh database, leave a tree standing, and its move
 *   is a move of its own with its reason; the README names no file a clone does not have;
 * - the admin command line opens the server's database (the same settings, also from `.env`), says which,
 *   and never makes an empty database for a command that only reads or needs the tree;
 * - it answers in Vietnamese, naming the flag and what it accepts, with times in Vietnam's time.
 * Each command runs as its own process, as an operator runs it; finding the database on SQLite and, when
 * TEST_DATABASE_URL is set, on PostgreSQL. Self-contained (no shared test helpers), so files moving around it do not break it.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const CLI = join(ROOT, 'src', 'server', 'cli', 'admin.ts');
// An absolute loader, so that a command can run in another folder (the one holding a `.env`).
const TSX = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
// A dozen processes one after another: a limit for a hang only, on a loaded two-core machine.
const LONG = 900_000;

interface Answer {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment a command gets: the test's own, without any database setting it did not choose. */
function baseEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const { DATA_DIR: _dataDir, DATABASE_URL: _databaseUrl, TEST_DATABASE_URL: _test, ADMIN_PASSWORD: _password, ...rest } = process.env;
  return { ...rest, ...settings };
}

function runProcess(file: string, args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string }): Promise<Answer> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: options.cwd ?? ROOT, env: options.env, maxBuffer: 10_000_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function admin(settings: Record<string, string>, args: string[], cwd?: string): Promise<Answer> {
  return runProcess(process.execPath, ['--import', TSX, CLI, ...args], { env: baseEnv(settings), ...(cwd ? { cwd } : {}) });
}

/** A PostgreSQL schema of its own, named in DATABASE_URL as an operator would (`options=-c search_path=…`). */
async function freshSchema(): Promise<{ url: string; schema: string; tables: () => Promise<number>; drop: () => Promise<void> }> {
  const schema = `cli_${randomBytes(6).toString('hex')}`;
  const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      return await client.query<T>(text, values);
    } finally {
      await client.end();
    }
  };
  await query(`create schema ${schema}`);
  const url = new URL(TEST_DATABASE_URL as string);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    schema,
    tables: async () => Number((await query<{ n: string }>('select count(*) as n from information_schema.tables where table_schema = $1', [schema])).rows[0]?.n),
    drop: async () => void (await query(`drop schema if exists ${schema} cascade`)),
  };
}

interface Target {
  settings: Record<string, string>;
  /** Whether the database holds anything at all (the SQLite file, or any table in the schema). */
  holdsAnything: () => Promise<boolean>;
  dispose: () => Promise<void>;
}

const folders: string[] = [];
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bao-cao-admin-'));
  folders.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

const STORES = [
  { kind: 'sqlite', available: true },
  { kind: 'postgres', available: Boolean(TEST_DATABASE_URL) },
] as const;
if (!TEST_DATABASE_URL) console.warn('TEST_DATABASE_URL is not set: the admin command line was tested on SQLite only.');

async function freshTarget(kind: 'sqlite' | 'postgres'): Promise<Target> {
  const dataDir = join(folder(), 'data');
  if (kind === 'sqlite')
    return { settings: { DATA_DIR: dataDir, DATABASE_URL: '' }, holdsAnything: async () => existsSync(dataDir), dispose: async () => undefined };
  const schema = await freshSchema();
  return {
    // DATA_DIR points at a folder that must stay absent: PostgreSQL is used, and nothing is made there.
    settings: { DATABASE_URL: schema.url, DATA_DIR: dataDir },
    holdsAnything: async () => (await schema.tables()) > 0 || existsSync(dataDir),
    dispose: schema.drop,
  };
}

// ---- the README ----

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The first fenced block of `language` after the heading `heading`. */
function blockAfter(heading: string, language: string): string {
  const at = README.indexOf(`${heading}\n`);
  expect(at, `README has the heading "${heading}"`).toBeGreaterThanOrEqual(0);
  const match = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(README.slice(at));
  expect(match, `a \`\`\`${language} block after "${heading}"`).not.toBeNull();
  return (match as RegExpExecArray)[1] as string;
}

/**
 * Runs a README block with bash, in order, stopping at the first command that fails. `npm run admin --` is
 * what package.json's script runs (checked below), started directly: npm's own start-up would double the time.
 */
function runBlock(block: string, settings: Record<string, string>): Promise<Answer> {
  const script = [
    'set -euo pipefail',
    `npm() { if [ "$1 $2 $3" = "run admin --" ]; then shift 3; "${process.execPath}" --import "${TSX}" "${CLI}" "$@"; else echo "not an admin command: npm $*" >&2; return 1; fi; }`,
    block,
  ].join('\n');
  return runProcess('bash', ['-c', script], { env: baseEnv(settings) });
}

/** The tree as list-nodes prints it: each node's depth, name and how many CĐCS are directly under it. */
function tree(listNodes: string): { depth: number; name: string; unions: number }[] {
  return listNodes
    .split('\n')
    .map((line) => /^( *)(.+?) {2}\[.*\] {2}CĐCS trực thuộc trực tiếp: (\d+) {2}id: [0-9a-f-]{36}$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ depth: (match[1] as string).length / 2, name: match[2] as string, unions: Number(match[3]) }));
}

describe('the README', () => {
  it('names no file a clone does not have (../shared) and points to docs/architecture.md from its Layout', () => {
    expect(README).not.toMatch(/\.\.\/shared/);
    const layout = README.slice(README.indexOf('## Layout'));
    expect(layout).toContain('docs/architecture.md');
  });

  it('runs the admin command line as package.json says', () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    // runBlock stands in for `npm run admin --` with exactly this.
    expect(scripts.admin).toBe('tsx src/server/cli/admin.ts');
  });

  it('says a phone needs the server over HTTPS, and where that is set up', () => {
    const phone = README.slice(README.indexOf('### Reaching the server from a phone'), README.indexOf('### Behind a reverse proxy (HTTPS)'));
    expect(phone).toMatch(/HTTPS/);
    expect(phone).toMatch(/service worker/);
    expect(README).toContain('[Reaching the server from a phone](#reaching-the-server-from-a-phone)');
  });

  // On SQLite, as the README's reader starts: which store is behind the commands is the next describe's matter.
  describe('first steps', () => {
    let target: Target;
    beforeAll(async () => {
      target = await freshTarget('sqlite');
    });
    afterAll(async () => {
      await target?.dispose();
    });

    it(
      'build the tree in order on a fresh database and leave it standing; the move is shown apart, with its reason',
      async () => {
        const steps = blockAfter('## First steps for a province', 'sh');
        // The first steps move nothing: a new province's CĐCS stay where they were put.
        expect(steps).not.toMatch(/move-union/);
        const ran = await runBlock(steps, target.settings);
        expect(ran.stderr).not.toMatch(/Không có cơ sở dữ liệu|Thiếu|phải/);
        expect(ran.code).toBe(0);

        // The block ends with list-nodes, whose output is the README's picture of the tree, ids aside.
        const shown = tree(blockAfter('`list-nodes` then shows the tree standing (ids shortened here):', 'text').replace(/id: …/g, `id: ${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`));
        expect(shown.length).toBeGreaterThanOrEqual(3);
        expect(tree(ran.stdout)).toEqual(shown);
        // A province, an industrial-park union and a commune-level union under it, each holding CĐCS.
        expect(shown[0]).toMatchObject({ depth: 0, name: 'Liên đoàn Lao động tỉnh Tây Ninh' });
        expect(shown.filter((node) => node.depth === 1 && node.unions > 0).length).toBe(2);
        expect(ran.stdout).toMatch(/\[công đoàn các khu công nghiệp, mã TN-KCN\]/);
        expect(ran.stdout).toMatch(/\[công đoàn xã, phường, đặc khu, mã TN-TANNINH\]/);

        // The move, separately, with the reason the README gives for it, runs after the first steps.
        const moving = README.slice(README.indexOf('### Moving a CĐCS to another superior'));
        expect(moving).toMatch(/moves its factory/);
        const moved = await runBlock(blockAfter('### Moving a CĐCS to another superior', 'sh'), target.settings);
        expect(moved.code).toBe(0);
        expect(moved.stdout).toContain('"CĐCS Công ty TNHH Cơ khí Tân Ninh" nay trực thuộc "Công đoàn các khu công nghiệp tỉnh Tây Ninh"');
        const after = tree((await admin(target.settings, ['list-nodes'])).stdout);
        expect(after.find((node) => node.name === 'Công đoàn phường Tân Ninh')?.unions).toBe(1);
        expect(after.find((node) => node.name === 'Công đoàn các khu công nghiệp tỉnh Tây Ninh')?.unions).toBe(2);
      },
      LONG,
    );
  });
});

// ---- the database the command line opens ----

for (const { kind, available } of STORES) {
  (available ? describe : describe.skip)(`the admin command line's database on ${kind}`, () => {
    let target: Target;
    beforeAll(async () => {
      target = await freshTarget(kind);
    });
    afterAll(async () => {
      await target?.dispose();
    });

    it(
      'refuses to read or change a database that does not exist, says where it looked and how to point it at the server, and makes nothing',
      async () => {
        for (const args of [['list-nodes'], ['list-unions'], ['create-union', '--name', 'CĐCS Công ty May Tây Ninh']]) {
          const answer = await admin(target.settings, args);
          expect(answer.code, args[0]).toBe(1);
          expect(answer.stdout).toBe('');
          expect(answer.stderr).toMatch(kind === 'sqlite' ? /Không có cơ sở dữ liệu nào ở .*bao-cao-cdcs\.sqlite/ : /PostgreSQL .* chưa có bảng nào/);
          expect(answer.stderr).toContain('Lệnh này không tạo cơ sở dữ liệu mới.');
          // How to reach the server's: both settings, and the file both read.
          expect(answer.stderr).toMatch(/DATA_DIR/);
          expect(answer.stderr).toMatch(/DATABASE_URL/);
          expect(answer.stderr).toMatch(/\.env/);
        }
        expect(await target.holdsAnything()).toBe(false);

        // The command that starts a tree does make the database, and says so; later commands name it.
        const created = await admin(target.settings, ['create-node', '--kind', 'province', '--name', 'Liên đoàn Lao động tỉnh Tây Ninh', '--code', 'TN']);
        expect(created.code).toBe(0);
        expect(created.stderr).toMatch(/^Tạo cơ sở dữ liệu mới: /);
        const listed = await admin(target.settings, ['list-nodes']);
        expect(listed.stderr).toMatch(
          kind === 'sqlite'
            ? new RegExp(`^Cơ sở dữ liệu: SQLite, tệp ${target.settings.DATA_DIR}/bao-cao-cdcs\\.sqlite \\(DATA_DIR từ biến môi trường\\)\\.`)
            : /^Cơ sở dữ liệu: PostgreSQL postgres:\/\/.* \(DATABASE_URL từ biến môi trường\)\./,
        );
        expect(listed.stdout).toMatch(/^Liên đoàn Lao động tỉnh Tây Ninh {2}\[LĐLĐ tỉnh, thành phố, mã TN\]/);
      },
      LONG,
    );
  });
}

describe('one place for the server and the command line to find the database', () => {
  it(
    "reads DATA_DIR from .env in the folder it runs in, as the server's settings do, and the environment wins over the file",
    async () => {
      const project = folder();
      const dataDir = join(project, 'served-data');
      writeFileSync(join(project, '.env'), `# the server's settings\nDATA_DIR=${dataDir}\n`);
      // No DATA_DIR in the environment: the file names it.
      const created = await admin({}, ['create-node', '--kind', 'province', '--name', 'Liên đoàn Lao động tỉnh Tây Ninh'], project);
      expect(created.code).toBe(0);
      const listed = await admin({}, ['list-nodes'], project);
      expect(listed.stderr).toContain(`Cơ sở dữ liệu: SQLite, tệp ${dataDir}/bao-cao-cdcs.sqlite (DATA_DIR từ tệp ${join(project, '.env')}).`);
      expect(listed.stdout).toMatch(/^Liên đoàn Lao động tỉnh Tây Ninh/);
      expect(readdirSync(project).sort()).toEqual(['.env', 'served-data']);

      // The server reads the same settings the same way.
      const { readEnv, readSettings } = await import('../../../src/server/env');
      expect(readEnv(readSettings({}, join(project, '.env')).values).store).toEqual({ kind: 'sqlite', file: join(dataDir, 'bao-cao-cdcs.sqlite') });
      expect(readEnv(readSettings({ DATA_DIR: '/elsewhere' }, join(project, '.env')).values).dataDir).toBe('/elsewhere');
      // Set empty in the environment is still set there: `DATABASE_URL= npm run admin …` is not overridden by the file.
      writeFileSync(join(project, '.env'), 'DATABASE_URL=postgres://somewhere/else\n');
      expect(readEnv(readSettings({ DATABASE_URL: '' }, join(project, '.env')).values).store.kind).toBe('sqlite');
      expect(readEnv(readSettings({}, join(project, '.env')).values).store.kind).toBe('postgres');
    },
    LONG,
  );
});

// ---- Vietnamese answers ----

/** The minutes an instant between `from` and `to` can show as, written the way Vietnam reads them. */
function vietnamMinutes(from: number, to: number): string[] {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', day: '2-digit', month: '2-digit', year: 'numeric' });
  const shown: string[] = [];
  for (let at = from - 60_000; at <= to + 60_000; at += 30_000) {
    const part = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
    shown.push(`${part.hour}:${part.minute} ngày ${part.day}/${part.month}/${part.year}`);
  }
  return shown;
}

// The sentences are the command line's, whichever store refused (both refuse alike: the services' tests
// hold that), so on SQLite only: each command is a process of its own, seconds each on a loaded machine.
describe("the admin command line's answers", () => {
  let target: Target;
  beforeAll(async () => {
    target = await freshTarget('sqlite');
    const root = await admin(target.settings, ['create-node', '--kind', 'province', '--name', 'Liên đoàn Lao động tỉnh Tây Ninh', '--code', 'TN']);
    const union = await admin(target.settings, ['create-union', '--node', 'TN', '--name', 'CĐCS Công ty May Tây Ninh', '--code', 'MTN01']);
    expect([root.code, union.code]).toEqual([0, 0]);
  });
  afterAll(async () => {
    await target?.dispose();
  });

  it(
    'issues a code with its expiry in Vietnam time and a count a Vietnamese reader reads, and refuses a range by naming the flag',
    async () => {
      const before = Date.now();
      const issued = await admin(target.settings, ['issue-code', '--union', 'mtn01', '--days', '2', '--max-uses', '1']);
      const after = Date.now();
      expect(issued.code).toBe(0);
      const expiry = /^Dùng được đến (\d\d:\d\d ngày \d\d\/\d\d\/\d{4}) \(giờ Việt Nam\), cho tối đa 1 thiết bị\.$/m.exec(issued.stdout);
      expect(expiry, issued.stdout).not.toBeNull();
      expect(vietnamMinutes(before + 2 * 86_400_000, after + 2 * 86_400_000)).toContain(expiry?.[1]);
      // No English and no ISO instant ("2026-12-10T02:00:00.000Z"); a bare /Z\b/ also matched a code such as "K74Z-7YW3".
      expect(issued.stdout).not.toMatch(/devices|valid until|\d{4}-\d\d-\d\dT\d\d:\d\d/);

      for (const [args, sentence] of [
        [['--days', '91'], '--days phải từ 1 đến 90'],
        [['--days', '0'], '--days phải từ 1 đến 90'],
        [['--max-uses', '21'], '--max-uses phải từ 1 đến 20'],
      ] as const) {
        const refused = await admin(target.settings, ['issue-code', '--union', 'MTN01', ...args]);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain(sentence);
        expect(refused.stderr).not.toMatch(/validDays|maxUses|Too big|Too small/);
      }
      const notANumber = await admin(target.settings, ['issue-code', '--union', 'MTN01', '--days', 'bảy']);
      expect(notANumber.code).toBe(2);
      expect(notANumber.stderr).toContain('--days phải là số nguyên từ 1 đến 90.');

      // Scripts get the code and the same sentence as JSON.
      const json = await admin(target.settings, ['issue-code', '--union', 'MTN01', '--days', '91', '--json']);
      expect(JSON.parse(json.stderr)).toMatchObject({ error: 'validation_failed', message: expect.stringContaining('--days phải từ 1 đến 90') });
    },
    LONG,
  );

  it(
    'refuses other mistakes in Vietnamese, naming the flag or what was typed',
    async () => {
      const cases: [string[], number, string][] = [
        [['create-node', '--kind', 'city', '--name', 'Thành phố'], 1, 'Đơn vị gốc (không có --parent) phải có --kind là: province (LĐLĐ tỉnh, thành phố)'],
        [['move-union', '--union', 'MTN01', '--to', 'TN', '--effective', '2999-01-01'], 1, '--effective không được sau hôm nay'],
        [['issue-code', '--union', 'KHONGCO'], 1, 'Không có CĐCS nào có mã hoặc id "KHONGCO"'],
        [['create-union', '--node', 'KHONGCO', '--name', 'CĐCS mới'], 1, 'Không có đơn vị nào có mã hoặc id "KHONGCO"'],
        [['create-staff', '--node', 'TN', '--role', 'admin', '--username', 'lan', '--password', 'ngắn'], 1, 'Mật khẩu (--password hoặc ADMIN_PASSWORD) phải có từ'],
        [['create-staff', '--node', 'TN', '--role', 'admin', '--username', 'lan', '--password', 'qwertyuiop'], 1, 'quá phổ biến, dễ bị đoán'],
        [['create-staff', '--node', 'TN', '--role', 'admin', '--username', 'nguyen.thi.lan', '--password', 'Nguyen.Thi.Lan'], 1, 'không được trùng với tên đăng nhập'],
        [['create-union', '--node', 'TN', '--name', 'CĐCS khác', '--code', 'MTN01'], 1, 'Mã "MTN01" đã có đơn vị khác dùng'],
        [['list-nodes', '--frob'], 2, 'Không có tùy chọn --frob.'],
        [['create-union', '--node', 'TN'], 2, 'Thiếu --name.'],
      ];
      for (const [args, code, sentence] of cases) {
        const answer = await admin(target.settings, args);
        expect(answer.code, args.join(' ')).toBe(code);
        expect(answer.stderr, args.join(' ')).toContain(sentence);
        expect(answer.stderr, args.join(' ')).not.toMatch(/Invalid|is required|Unknown|No node|No such/);
      }
      // A move dated today in Vietnam is accepted and said with that day, as vi-VN writes a date.
      const today = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });
      const direct = await admin(target.settings, ['create-node', '--parent', 'TN', '--kind', 'upper_industrial_park', '--name', 'Công đoàn các khu công nghiệp', '--code', 'TN-KCN']);
      expect(direct.code).toBe(0);
      const before = Date.now();
      const moved = await admin(target.settings, ['move-union', '--union', 'MTN01', '--to', 'TN-KCN']);
      expect(moved.code).toBe(0);
      expect([today.format(before), today.format(Date.now())]).toContain(/từ ngày (\d\d\/\d\d\/\d{4})\)/.exec(moved.stdout)?.[1]);
    },
    LONG,
  );
});
