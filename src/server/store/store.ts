/**
 * The one store the services depend on. Rows come back as plain records (camelCase); documents stay
 * JSON text here, and the services parse them. One Kysely implementation serves both SQLite and
 * PostgreSQL: the queries are the same, only opening and write locking differ.
 */
import { type Compilable, type CompiledQuery, type Kysely, Migrator, type Transaction, sql } from 'kysely';
import { migrationProvider } from './migrations';
import type { Database, ReportsTable } from './schema';
import type { CreatedUnion, RevisionSummary } from '../../domain/district';

export type StoreKind = 'sqlite' | 'postgres';

/** A union as stored is exactly the union the district API answers with. */
export type UnionRecord = Omit<CreatedUnion, 'superiorId'>;

/** A union to insert: code, employer and sector may be left out (none, '' and ''). */
export type NewUnion = Pick<UnionRecord, 'id' | 'name' | 'createdAt'> & Partial<Pick<UnionRecord, 'code' | 'employer' | 'sector'>>;

function toUnion(row: { id: string; code: string | null; name: string; employer: string; sector: string; created_at: string }): UnionRecord {
  return { id: row.id, code: row.code, name: row.name, employer: row.employer, sector: row.sector, createdAt: row.created_at };
}

export interface DeviceRecord {
  id: string;
  unionId: string;
  name: string;
  createdAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

export interface EnrolmentCodeRecord {
  id: string;
  unionId: string;
  expiresAt: string;
  maxUses: number;
  uses: number;
  createdAt: string;
  revokedAt: string | null;
}

export interface DistrictUserRecord {
  id: string;
  username: string;
  passwordHash: string;
  createdAt: string;
}

export interface DistrictSessionRecord {
  userId: string;
  username: string;
  expiresAt: string;
}

export interface ReportRecord {
  id: string;
  unionId: string;
  year: number;
  kind: string;
  revision: number;
  documentJson: string;
  reviewJson: string | null;
  savedAt: string;
  createdAt: string;
  changeSeq: number;
}

export interface IdempotencyRecord {
  bodyHash: string;
  status: number;
  responseJson: string;
}

export interface MigrationOutcome {
  applied: string[];
}

/** Reads that need no lock. */
export interface StoreReads {
  findUnion(id: string): Promise<UnionRecord | undefined>;
  /** The union with this district code (stored upper-case). */
  findUnionByCode(code: string): Promise<UnionRecord | undefined>;
  listUnions(): Promise<UnionRecord[]>;
  findDevice(id: string): Promise<DeviceRecord | undefined>;
  findDeviceByTokenHash(tokenHash: string): Promise<DeviceRecord | undefined>;
  listDevices(unionId: string): Promise<DeviceRecord[]>;
  /** How many devices that are not revoked each union has (unions without any are left out). */
  countActiveDevices(): Promise<Map<string, number>>;
  findEnrolmentCodeByHash(codeHash: string): Promise<EnrolmentCodeRecord | undefined>;
  findDistrictUserByUsername(username: string): Promise<DistrictUserRecord | undefined>;
  findSessionByTokenHash(tokenHash: string): Promise<DistrictSessionRecord | undefined>;
  findReport(id: string): Promise<ReportRecord | undefined>;
  findReportByPeriod(unionId: string, year: number, kind: string): Promise<ReportRecord | undefined>;
  listReportsForPeriod(year: number, kind: string): Promise<ReportRecord[]>;
  /** Reports of a union changed after `afterSeq`, in change order; at most `limit`. */
  listChanges(unionId: string, afterSeq: number, limit: number): Promise<ReportRecord[]>;
  listRevisions(reportId: string): Promise<RevisionSummary[]>;
  /** The document JSON of one revision (revisions never change once written). */
  findRevisionDocument(reportId: string, revision: number): Promise<string | undefined>;
  findIdempotency(deviceId: string, key: string): Promise<IdempotencyRecord | undefined>;
}

/** Reads and writes inside one write transaction (writers run one at a time). */
export interface StoreWrites extends StoreReads {
  /**
   * Call first in a transaction that changes a union's reports: locks the union (its writers queue,
   * other unions' do not) and returns its next change_seq, greater than every one handed out before.
   * A transaction that ends up changing nothing just leaves a gap, which cursors do not mind.
   */
  lockUnionForChange(unionId: string): Promise<number>;
  insertUnion(union: NewUnion): Promise<void>;
  insertDevice(device: DeviceRecord & { tokenHash: string }): Promise<void>;
  setDeviceLastSeen(id: string, at: string): Promise<void>;
  revokeDevice(id: string, at: string): Promise<void>;
  insertEnrolmentCode(code: Omit<EnrolmentCodeRecord, 'uses'> & { codeHash: string }): Promise<void>;
  /** Counts one use if the code is still valid at `now`; false when expired, used up or withdrawn. */
  useEnrolmentCode(id: string, now: string): Promise<boolean>;
  insertDistrictUser(user: DistrictUserRecord): Promise<void>;
  setDistrictUserPassword(id: string, passwordHash: string): Promise<void>;
  insertSession(session: { tokenHash: string; userId: string; createdAt: string; expiresAt: string }): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  insertReport(report: ReportRecord): Promise<void>;
  updateReport(report: ReportRecord): Promise<void>;
  insertRevision(revision: { reportId: string; revision: number; deviceId: string | null; savedAt: string; documentJson: string }): Promise<void>;
  insertIdempotency(entry: IdempotencyRecord & { deviceId: string; key: string; createdAt: string }): Promise<void>;
  /** Forget what is no longer needed: idempotency keys and sessions older than `before` / expired at `now`. */
  deleteExpired(idempotencyBefore: string, now: string): Promise<void>;
}

export interface Store extends StoreReads {
  readonly kind: StoreKind;
  /** Runs `work` in one transaction. Writers of one union's reports serialise on `lockUnionForChange`. */
  write<T>(work: (tx: StoreWrites) => Promise<T>): Promise<T>;
  migrate(options?: { to?: string }): Promise<MigrationOutcome>;
  close(): Promise<void>;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  /** For tests and the migration check: the Kysely instance underneath. */
  readonly db: Kysely<Database>;
}

function toReport(row: ReportsTable): ReportRecord {
  return {
    id: row.id,
    unionId: row.union_id,
    year: Number(row.year),
    kind: row.kind,
    revision: Number(row.revision),
    documentJson: row.document,
    reviewJson: row.review,
    savedAt: row.saved_at,
    createdAt: row.created_at,
    changeSeq: Number(row.change_seq),
  };
}

function fromReport(report: ReportRecord): ReportsTable {
  return {
    id: report.id,
    union_id: report.unionId,
    year: report.year,
    kind: report.kind,
    revision: report.revision,
    document: report.documentJson,
    review: report.reviewJson,
    saved_at: report.savedAt,
    created_at: report.createdAt,
    change_seq: report.changeSeq,
  };
}

const deviceColumns = ['id', 'union_id', 'name', 'created_at', 'last_seen_at', 'revoked_at'] as const;

function toDevice(row: {
  id: string;
  union_id: string;
  name: string;
  created_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
}): DeviceRecord {
  return {
    id: row.id,
    unionId: row.union_id,
    name: row.name,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at,
  };
}

const ARGUMENT = '\u0000argument:';

/** A named stand-in for a value in a query that is compiled once; `prepare` finds it among the parameters. */
function arg(name: string): never {
  return `${ARGUMENT}${name}` as never;
}

/** A query built and compiled once; `bind` puts in this run's values by name (compiled-in constants stay). */
function prepare<Row>(query: Compilable<Row>): { bind(values: object): CompiledQuery<Row> } {
  const compiled = query.compile();
  const names = compiled.parameters.map((p) => (typeof p === 'string' && p.startsWith(ARGUMENT) ? p.slice(ARGUMENT.length) : null));
  return {
    bind: (values) => ({
      ...compiled,
      parameters: names.map((name, i) => {
        if (name === null) return compiled.parameters[i];
        const value = (values as Record<string, unknown>)[name];
        if (value === undefined) throw new Error(`no value for ${name}`);
        return value;
      }),
    }),
  };
}

/**
 * The queries of every push (authenticate, lock, replay check, read, write, remember), compiled once per
 * store: building them with Kysely on each request cost more than running them on SQLite's cached
 * statements. Arguments are named after the columns, so a row object binds as it is.
 */
function pushQueries(db: Kysely<Database>) {
  return {
    deviceByTokenHash: prepare(db.selectFrom('devices').select(deviceColumns).where('token_hash', '=', arg('token_hash'))),
    lockUnion: prepare(
      db
        .updateTable('unions')
        .set((eb) => ({ change_seq: eb('change_seq', '+', 1) }))
        .where('id', '=', arg('id'))
        .returning('change_seq'),
    ),
    idempotency: prepare(
      db
        .selectFrom('idempotency')
        .select(['body_hash', 'status', 'response'])
        .where('device_id', '=', arg('device_id'))
        .where('key', '=', arg('key')),
    ),
    report: prepare(db.selectFrom('reports').selectAll().where('id', '=', arg('id'))),
    updateReport: prepare(
      db
        .updateTable('reports')
        .set({
          union_id: arg('union_id'),
          year: arg('year'),
          kind: arg('kind'),
          revision: arg('revision'),
          document: arg('document'),
          review: arg('review'),
          saved_at: arg('saved_at'),
          change_seq: arg('change_seq'),
        })
        .where('id', '=', arg('id')),
    ),
    insertRevision: prepare(
      db.insertInto('report_revisions').values({
        report_id: arg('report_id'),
        revision: arg('revision'),
        device_id: arg('device_id'),
        saved_at: arg('saved_at'),
        document: arg('document'),
      }),
    ),
    insertIdempotency: prepare(
      db.insertInto('idempotency').values({
        device_id: arg('device_id'),
        key: arg('key'),
        body_hash: arg('body_hash'),
        status: arg('status'),
        response: arg('response'),
        created_at: arg('created_at'),
      }),
    ),
  };
}
type PushQueries = ReturnType<typeof pushQueries>;

class KyselyQueries implements StoreWrites {
  constructor(
    protected readonly q: Kysely<Database> | Transaction<Database>,
    protected readonly push: PushQueries,
  ) {}

  private async first<Row>(query: CompiledQuery<Row>): Promise<Row | undefined> {
    return (await this.q.executeQuery(query)).rows[0];
  }

  async findUnion(id: string) {
    const row = await this.q.selectFrom('unions').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toUnion(row);
  }

  async findUnionByCode(code: string) {
    const row = await this.q.selectFrom('unions').selectAll().where('code', '=', code).executeTakeFirst();
    return row && toUnion(row);
  }

  async listUnions() {
    const rows = await this.q.selectFrom('unions').selectAll().orderBy('name').orderBy('id').execute();
    return rows.map(toUnion);
  }

  async findDevice(id: string) {
    const row = await this.q.selectFrom('devices').select(deviceColumns).where('id', '=', id).executeTakeFirst();
    return row && toDevice(row);
  }

  async findDeviceByTokenHash(tokenHash: string) {
    const row = await this.first(this.push.deviceByTokenHash.bind({ token_hash: tokenHash }));
    return row && toDevice(row);
  }

  async listDevices(unionId: string) {
    const rows = await this.q
      .selectFrom('devices')
      .select(deviceColumns)
      .where('union_id', '=', unionId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toDevice);
  }

  async countActiveDevices() {
    const rows = await this.q
      .selectFrom('devices')
      .select((eb) => ['union_id', eb.fn.countAll().as('devices')])
      .where('revoked_at', 'is', null)
      .groupBy('union_id')
      .execute();
    return new Map(rows.map((row) => [row.union_id, Number(row.devices)]));
  }

  async findEnrolmentCodeByHash(codeHash: string) {
    const row = await this.q.selectFrom('enrolment_codes').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
    return (
      row && {
        id: row.id,
        unionId: row.union_id,
        expiresAt: row.expires_at,
        maxUses: Number(row.max_uses),
        uses: Number(row.uses),
        createdAt: row.created_at,
        revokedAt: row.revoked_at,
      }
    );
  }

  async findDistrictUserByUsername(username: string) {
    const row = await this.q.selectFrom('district_users').selectAll().where('username', '=', username).executeTakeFirst();
    return row && { id: row.id, username: row.username, passwordHash: row.password_hash, createdAt: row.created_at };
  }

  async findSessionByTokenHash(tokenHash: string) {
    const row = await this.q
      .selectFrom('district_sessions as s')
      .innerJoin('district_users as u', 'u.id', 's.user_id')
      .select(['s.user_id', 'u.username', 's.expires_at'])
      .where('s.token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row && { userId: row.user_id, username: row.username, expiresAt: row.expires_at };
  }

  async findReport(id: string) {
    const row = await this.first(this.push.report.bind({ id }));
    return row && toReport(row);
  }

  async findReportByPeriod(unionId: string, year: number, kind: string) {
    const row = await this.q
      .selectFrom('reports')
      .selectAll()
      .where('union_id', '=', unionId)
      .where('year', '=', year)
      .where('kind', '=', kind)
      .executeTakeFirst();
    return row && toReport(row);
  }

  async listReportsForPeriod(year: number, kind: string) {
    const rows = await this.q.selectFrom('reports').selectAll().where('year', '=', year).where('kind', '=', kind).execute();
    return rows.map(toReport);
  }

  async listChanges(unionId: string, afterSeq: number, limit: number) {
    const rows = await this.q
      .selectFrom('reports')
      .selectAll()
      .where('union_id', '=', unionId)
      .where('change_seq', '>', afterSeq)
      .orderBy('change_seq')
      .limit(limit)
      .execute();
    return rows.map(toReport);
  }

  async findRevisionDocument(reportId: string, revision: number) {
    const row = await this.q
      .selectFrom('report_revisions')
      .select('document')
      .where('report_id', '=', reportId)
      .where('revision', '=', revision)
      .executeTakeFirst();
    return row?.document;
  }

  async listRevisions(reportId: string) {
    const rows = await this.q
      .selectFrom('report_revisions as r')
      .leftJoin('devices as d', 'd.id', 'r.device_id')
      .select(['r.revision', 'r.device_id', 'd.name', 'r.saved_at'])
      .where('r.report_id', '=', reportId)
      .orderBy('r.revision')
      .execute();
    return rows.map((row) => ({
      revision: Number(row.revision),
      deviceId: row.device_id,
      deviceName: row.name,
      savedAt: row.saved_at,
    }));
  }

  async findIdempotency(deviceId: string, key: string) {
    const row = await this.first(this.push.idempotency.bind({ device_id: deviceId, key }));
    return row && { bodyHash: row.body_hash, status: Number(row.status), responseJson: row.response };
  }

  async lockUnionForChange(unionId: string) {
    const row = await this.first(this.push.lockUnion.bind({ id: unionId }));
    if (!row) throw new Error(`union ${unionId} does not exist`);
    return Number(row.change_seq);
  }

  async insertUnion(union: NewUnion) {
    await this.q
      .insertInto('unions')
      .values({
        id: union.id,
        code: union.code ?? null,
        name: union.name,
        employer: union.employer ?? '',
        sector: union.sector ?? '',
        created_at: union.createdAt,
      })
      .execute();
  }

  async insertDevice(device: DeviceRecord & { tokenHash: string }) {
    await this.q
      .insertInto('devices')
      .values({
        id: device.id,
        union_id: device.unionId,
        name: device.name,
        token_hash: device.tokenHash,
        created_at: device.createdAt,
        last_seen_at: device.lastSeenAt,
        revoked_at: device.revokedAt,
      })
      .execute();
  }

  async setDeviceLastSeen(id: string, at: string) {
    await this.q.updateTable('devices').set({ last_seen_at: at }).where('id', '=', id).execute();
  }

  async revokeDevice(id: string, at: string) {
    await this.q.updateTable('devices').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  }

  async insertEnrolmentCode(code: Omit<EnrolmentCodeRecord, 'uses'> & { codeHash: string }) {
    await this.q
      .insertInto('enrolment_codes')
      .values({
        id: code.id,
        union_id: code.unionId,
        code_hash: code.codeHash,
        expires_at: code.expiresAt,
        max_uses: code.maxUses,
        created_at: code.createdAt,
        revoked_at: code.revokedAt,
      })
      .execute();
  }

  async useEnrolmentCode(id: string, now: string) {
    // One conditional update: two devices enrolling at once can never both take the last use.
    const result = await this.q
      .updateTable('enrolment_codes')
      .set((eb) => ({ uses: eb('uses', '+', 1) }))
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .where((eb) => eb('uses', '<', eb.ref('max_uses')))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async insertDistrictUser(user: DistrictUserRecord) {
    await this.q
      .insertInto('district_users')
      .values({ id: user.id, username: user.username, password_hash: user.passwordHash, created_at: user.createdAt })
      .execute();
  }

  async setDistrictUserPassword(id: string, passwordHash: string) {
    await this.q.updateTable('district_users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
    await this.q.deleteFrom('district_sessions').where('user_id', '=', id).execute();
  }

  async insertSession(session: { tokenHash: string; userId: string; createdAt: string; expiresAt: string }) {
    await this.q
      .insertInto('district_sessions')
      .values({
        token_hash: session.tokenHash,
        user_id: session.userId,
        created_at: session.createdAt,
        expires_at: session.expiresAt,
      })
      .execute();
  }

  async deleteSession(tokenHash: string) {
    await this.q.deleteFrom('district_sessions').where('token_hash', '=', tokenHash).execute();
  }

  async insertReport(report: ReportRecord) {
    await this.q.insertInto('reports').values(fromReport(report)).execute();
  }

  async updateReport(report: ReportRecord) {
    // created_at never changes; the prepared update leaves it out.
    await this.q.executeQuery(this.push.updateReport.bind(fromReport(report)));
  }

  async insertRevision(revision: { reportId: string; revision: number; deviceId: string | null; savedAt: string; documentJson: string }) {
    await this.q.executeQuery(
      this.push.insertRevision.bind({
        report_id: revision.reportId,
        revision: revision.revision,
        device_id: revision.deviceId,
        saved_at: revision.savedAt,
        document: revision.documentJson,
      }),
    );
  }

  async insertIdempotency(entry: IdempotencyRecord & { deviceId: string; key: string; createdAt: string }) {
    await this.q.executeQuery(
      this.push.insertIdempotency.bind({
        device_id: entry.deviceId,
        key: entry.key,
        body_hash: entry.bodyHash,
        status: entry.status,
        response: entry.responseJson,
        created_at: entry.createdAt,
      }),
    );
  }

  async deleteExpired(idempotencyBefore: string, now: string) {
    await this.q.deleteFrom('idempotency').where('created_at', '<', idempotencyBefore).execute();
    await this.q.deleteFrom('district_sessions').where('expires_at', '<=', now).execute();
  }
}

export class KyselyStore extends KyselyQueries implements Store {
  constructor(
    readonly db: Kysely<Database>,
    readonly kind: StoreKind,
  ) {
    super(db, pushQueries(db));
  }

  async write<T>(work: (tx: StoreWrites) => Promise<T>): Promise<T> {
    // PostgreSQL: row locks taken by lockUnionForChange. SQLite: Kysely runs its one connection's
    // transactions one at a time, and another process (the admin CLI) waits on busy_timeout.
    return this.db.transaction().execute(async (trx) => work(new KyselyQueries(trx, this.push)));
  }

  async migrate(options: { to?: string } = {}): Promise<MigrationOutcome> {
    // Kysely's Migrator looks for its own tables in every schema unless it is told which one. On a
    // PostgreSQL database where another schema already holds them, it would not create ours and then fail.
    const migrationTableSchema =
      this.kind === 'postgres'
        ? (await this.db.selectNoFrom((eb) => eb.fn<string>('current_schema', []).as('schema')).executeTakeFirstOrThrow()).schema
        : undefined;
    const migrator = new Migrator({ db: this.db, provider: migrationProvider, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
    const { error, results } =
      options.to === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(options.to);
    if (error) throw error instanceof Error ? error : new Error(String(error));
    return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }
}
