/**
 * What the admin command line says. Its readers are a province's staff, so it speaks Vietnamese: the help,
 * every refusal (naming the flag that was typed and what it accepts, never the API's field names such as
 * `validDays`), and dates and times in Vietnam's time (Asia/Ho_Chi_Minh, written as vi-VN writes them).
 * The services' own messages stay English: they are the API's, read by programs; here their codes and
 * details become sentences.
 */
import { CREATABLE_NODE_KINDS, ROOT_NODE_KINDS, STAFF_ROLES, type NodeKind, type StaffRole } from '../../domain/organisation';
import { FIRST_REPORT_YEAR, LAST_REPORT_YEAR, PERIOD_KINDS, type PeriodKind } from '../../domain/period';
import { SECTORS, type Sector } from '../../domain/report';
import type { UnionStanding } from '../../domain/staff';
import type { FormSummary } from '../../domain/forms/catalogue';
import type { FormStatus } from '../../domain/forms/definition';
import { problemText, type SheetProblem } from '../../domain/forms/spreadsheet';
import { CODE_MAX_USES, CODE_VALID_DAYS, DEFAULT_CODE_MAX_USES, DEFAULT_CODE_VALID_DAYS } from '../services/devices';
import type { ApiFailure } from '../services/errors';
import { MIN_STAFF_PASSWORD_LENGTH } from '../services/staff';

// ---- dates ----

const VIETNAM_TIME = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

/** An instant (ISO, UTC) as Vietnam reads it: "00:05 ngày 11/12/2026". */
export function vietnamDateTime(iso: string): string {
  const part = Object.fromEntries(VIETNAM_TIME.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${part.hour}:${part.minute} ngày ${part.day}/${part.month}/${part.year}`;
}

/** A calendar day already in Vietnam's reckoning (`2025-07-01`, as moves are dated) as "01/07/2025". */
export function vietnamDate(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
}

// ---- names of things ----

export const NODE_KIND_NAMES: Record<NodeKind, string> = {
  province: 'LĐLĐ tỉnh, thành phố',
  central_sector: 'công đoàn ngành trung ương, tổng công ty',
  upper_commune: 'công đoàn xã, phường, đặc khu',
  upper_industrial_park: 'công đoàn các khu công nghiệp',
  upper_sector: 'công đoàn ngành địa phương',
  upper_other: 'công đoàn cấp trên khác',
  grassroots: 'công đoàn cơ sở',
  district: 'LĐLĐ huyện (trước 01/07/2025)',
};

const ROLE_NAMES: Record<StaffRole, string> = { admin: 'quản trị', reviewer: 'xem xét báo cáo', viewer: 'chỉ xem' };
const SECTOR_NAMES: Record<Sector, string> = {
  public: 'khu vực nhà nước',
  private: 'khu vực ngoài nhà nước',
  foreign: 'doanh nghiệp có vốn đầu tư nước ngoài',
};
const STANDING_NAMES: Record<UnionStanding, string> = {
  missing: 'chưa báo cáo',
  draft: 'bản nháp',
  sent: 'đã gửi',
  accepted: 'đã chấp nhận',
  returned: 'bị trả lại',
};
const PERIOD_KIND_NAMES: Record<PeriodKind, string> = { yearly: 'báo cáo năm', interim: 'sơ kết 3 năm', final: 'tổng kết' };

/** `upper_commune (công đoàn xã, phường, đặc khu)`: the word to type, then what it means. */
const choice = (value: string, meaning: string) => `${value} (${meaning})`;
const kindChoices = (kinds: readonly NodeKind[]) => kinds.map((kind) => choice(kind, NODE_KIND_NAMES[kind])).join(', ');
const roleChoices = () => STAFF_ROLES.map((role) => choice(role, ROLE_NAMES[role])).join(', ');
const sectorChoices = () => SECTORS.map((sector) => choice(sector, SECTOR_NAMES[sector])).join(', ');

export const kindName = (kind: string) => NODE_KIND_NAMES[kind as NodeKind] ?? kind;
export const roleName = (role: string) => ROLE_NAMES[role as StaffRole] ?? role;
export const standingName = (standing: string) => STANDING_NAMES[standing as UnionStanding] ?? standing;
export const periodName = (year: string, kind: string) => `${PERIOD_KIND_NAMES[kind as PeriodKind] ?? kind} ${year}`;

// ---- the database the command line opened ----

/** Where the database setting came from: the environment, the settings file, or nowhere (the default). */
export type SettingOrigin = { from: 'environment' } | { from: 'file'; file: string } | { from: 'default' };

export interface DatabaseInUse {
  kind: 'sqlite' | 'postgres';
  /** The SQLite file (absolute) or the PostgreSQL URL without its password. */
  where: string;
  setting: 'DATA_DIR' | 'DATABASE_URL';
  origin: SettingOrigin;
}

function originText(database: DatabaseInUse): string {
  const { origin, setting } = database;
  if (origin.from === 'environment') return `${setting} từ biến môi trường`;
  if (origin.from === 'file') return `${setting} từ tệp ${origin.file}`;
  return 'DATA_DIR và DATABASE_URL chưa đặt: mặc định ./data trong thư mục đang chạy';
}

/** "Cơ sở dữ liệu: SQLite, tệp /srv/…/bao-cao-cdcs.sqlite (DATA_DIR từ tệp /srv/bao-cao/.env)." */
export function databaseLine(database: DatabaseInUse): string {
  const what = database.kind === 'sqlite' ? `SQLite, tệp ${database.where}` : `PostgreSQL ${database.where}`;
  return `Cơ sở dữ liệu: ${what} (${originText(database)}).`;
}

const POINT_AT_THE_SERVERS =
  'Lệnh admin phải mở đúng cơ sở dữ liệu của máy chủ: đặt DATA_DIR (SQLite) hoặc DATABASE_URL (PostgreSQL) như máy chủ đang dùng,\n' +
  'trong biến môi trường hoặc trong tệp .env ở thư mục dự án (máy chủ và lệnh admin cùng đọc tệp này). Ví dụ:\n' +
  '  DATA_DIR=/srv/bao-cao/data npm run admin -- list-nodes';

/** No database where the settings point, and the command is not the one that starts a new one. */
export function noDatabase(database: DatabaseInUse): string {
  const missing =
    database.kind === 'sqlite'
      ? `Không có cơ sở dữ liệu nào ở ${database.where} (${originText(database)}).`
      : `Cơ sở dữ liệu PostgreSQL ${database.where} chưa có bảng nào của Báo cáo CĐCS (${originText(database)}).`;
  return (
    `${missing}\nLệnh này không tạo cơ sở dữ liệu mới.\n${POINT_AT_THE_SERVERS}\n` +
    'Một cây tổ chức mới bắt đầu bằng lệnh tạo đơn vị gốc: npm run admin -- create-node --kind province --name "…"'
  );
}

/** The environment or the settings file holds a value the server would refuse too (its own message follows). */
export function badSettings(reason: string, file: string | null): string {
  return `Thiết lập không hợp lệ (biến môi trường${file ? ` hoặc tệp ${file}` : ''}); máy chủ cũng sẽ không chạy với thiết lập này.\n${reason}`;
}

export function newDatabase(database: DatabaseInUse): string {
  return `Tạo cơ sở dữ liệu mới: ${database.kind === 'sqlite' ? `SQLite, tệp ${database.where}` : `PostgreSQL ${database.where}`}.`;
}

export function cannotConnect(database: DatabaseInUse, reason: string): string {
  return `Không kết nối được PostgreSQL ${database.where} (${originText(database)}): ${reason}`;
}

/** The database holds no node yet (a read command, or a command that needs the tree). */
export function noNodes(database: DatabaseInUse): string {
  return (
    `Chưa có đơn vị nào trong cơ sở dữ liệu này (${database.where}).\n` +
    'Nếu máy chủ đã có cây tổ chức thì lệnh admin đang mở một cơ sở dữ liệu khác với máy chủ.\n' +
    `${POINT_AT_THE_SERVERS}\n` +
    'Một cây tổ chức mới bắt đầu bằng: npm run admin -- create-node --kind province --name "…"'
  );
}

// ---- refusals ----

export const usage = {
  missing: (flag: string) => `Thiếu --${flag}.`,
  wholeNumber: (flag: string) => {
    const range = FLAG_RANGES[flag];
    return range ? `--${flag} phải là số nguyên từ ${range.min} đến ${range.max}.` : `--${flag} phải là số nguyên.`;
  },
  unknownCommand: (command: string) => `Không có lệnh "${command}".`,
  unknownOption: (option: string) => `Không có tùy chọn ${option}.`,
  optionValue: (option: string) => `${option} cần một giá trị.`,
  password: () => `Cho mật khẩu bằng --password hoặc biến môi trường ADMIN_PASSWORD (ít nhất ${MIN_STAFF_PASSWORD_LENGTH} ký tự).`,
  nameTheNode: () => 'Có nhiều đơn vị gốc: chỉ rõ đơn vị bằng --node.',
  missingWord: (what: string) => `Thiếu ${what} sau tên lệnh.`,
  seeHelp: () => 'Xem: npm run admin -- --help',
};

const FLAG_RANGES: Record<string, { min: number; max: number }> = {
  days: CODE_VALID_DAYS,
  'max-uses': CODE_MAX_USES,
  year: { min: FIRST_REPORT_YEAR, max: LAST_REPORT_YEAR },
};

export const notFound = {
  node: (named: string) => `Không có đơn vị nào có mã hoặc id "${named}" (npm run admin -- list-nodes liệt kê các đơn vị).`,
  union: (named: string) => `Không có CĐCS nào có mã hoặc id "${named}" (npm run admin -- list-unions liệt kê các CĐCS).`,
  device: (named: string) => `Không có thiết bị nào có id "${named}".`,
  staff: (named: string) => `Không có tài khoản nào tên "${named}".`,
  file: (path: string) => `Không đọc được tệp "${path}".`,
  form: (code: string, version: string) => `Không có biểu mẫu "${code}" phiên bản ${version}.`,
};

// ---- report forms ----

const FORM_STATUS_NAMES: Record<FormStatus, string> = { draft: 'bản nháp', published: 'đã ban hành' };

/** What import-form kept: the form, its version and whether it is a draft or published. */
export function formStored(form: FormSummary, nodeName: string): string {
  const what = `biểu mẫu "${form.title}" (mã ${form.code}, phiên bản ${form.version}) của "${nodeName}"`;
  return form.status === 'published'
    ? `Đã ban hành ${what}; phiên bản này không thay đổi được nữa.`
    : `Đã lưu ${FORM_STATUS_NAMES.draft} ${what}. Ban hành: npm run admin -- import-form <tệp> --node <đơn vị> --publish`;
}

export function formExported(code: string, version: string, file: string): string {
  return `Đã ghi biểu mẫu ${code} phiên bản ${version} vào "${file}".`;
}

export interface RefusalSituation {
  command: string;
  flags: Record<string, string | boolean | undefined>;
  /** Today in Vietnam, YYYY-MM-DD (a move cannot be dated after it). */
  today: string;
}

/** What the flag behind a refused field accepts. */
function fieldRule(issue: { path: string; code: string; message: string }, situation: RefusalSituation): string {
  const { command, flags } = situation;
  switch (issue.path) {
    case 'validDays':
      return `--days phải từ ${CODE_VALID_DAYS.min} đến ${CODE_VALID_DAYS.max} (số ngày mã còn dùng được; mặc định ${DEFAULT_CODE_VALID_DAYS}).`;
    case 'maxUses':
      return `--max-uses phải từ ${CODE_MAX_USES.min} đến ${CODE_MAX_USES.max} (số thiết bị tối đa dùng một mã; mặc định ${DEFAULT_CODE_MAX_USES}).`;
    case 'kind': {
      const root = command === 'create-node' && flags.parent === undefined;
      return root
        ? `Đơn vị gốc (không có --parent) phải có --kind là: ${kindChoices(ROOT_NODE_KINDS)}.`
        : `--kind phải là một trong: ${kindChoices(CREATABLE_NODE_KINDS)}.`;
    }
    case 'name':
      return '--name không được để trống; một dòng, tối đa 200 ký tự.';
    case 'shortName':
      return '--short-name là một dòng, tối đa 100 ký tự.';
    case 'code':
      return '--code chỉ gồm chữ cái không dấu, chữ số và các dấu . - _, tối đa 32 ký tự (ví dụ TN-KCN).';
    case 'username':
      return '--username gồm 3 đến 64 ký tự: chữ thường không dấu, chữ số và các dấu . _ -';
    case 'password':
      // The password policy (services/passwordPolicy.ts) names the rule that was broken.
      if (issue.code === 'common') return 'Mật khẩu (--password hoặc ADMIN_PASSWORD) quá phổ biến, dễ bị đoán: hãy chọn mật khẩu khác.';
      if (issue.code === 'same_as_username') return 'Mật khẩu (--password hoặc ADMIN_PASSWORD) không được trùng với tên đăng nhập.';
      return `Mật khẩu (--password hoặc ADMIN_PASSWORD) phải có từ ${MIN_STAFF_PASSWORD_LENGTH} đến 1024 ký tự.`;
    case 'role':
      return `--role phải là một trong: ${roleChoices()}.`;
    case 'employer':
      return '--employer là một dòng, tối đa 200 ký tự.';
    case 'sector':
      return `--sector phải là một trong: ${sectorChoices()}.`;
    case 'effectiveDate':
      if (issue.code === 'future')
        return `--effective không được sau hôm nay (${vietnamDate(situation.today)}, theo giờ Việt Nam): ghi việc chuyển vào ngày nó có hiệu lực hoặc sau đó.`;
      if (issue.code === 'before_previous_move') {
        // The service names the previous move's day only in its (English) message: take the date from there.
        const previous = /\d{4}-\d{2}-\d{2}/.exec(issue.message)?.[0];
        return `--effective không được trước ngày của lần chuyển trước${previous ? ` (${vietnamDate(previous)})` : ''}.`;
      }
      return '--effective phải là một ngày có thật, dạng YYYY-MM-DD (ví dụ 2025-07-01).';
    case 'parentId':
      if (issue.code === 'unchanged') return `CĐCS này đã trực thuộc ${String(flags.to)} rồi.`;
      return `${issue.path}: ${issue.message}`;
    default:
      return `${issue.path}: ${issue.message}`;
  }
}

/** A refusal of the services (the API's ApiFailure) as a sentence about what was typed. */
export function refusal(error: ApiFailure, situation: RefusalSituation): string {
  const { command, flags } = situation;
  const issues = Array.isArray(error.details) ? (error.details as { path: string; code: string; message: string }[]) : [];
  switch (error.code) {
    case 'validation_failed':
      return issues.length > 0 ? issues.map((issue) => fieldRule(issue, situation)).join('\n') : `Dữ liệu không hợp lệ: ${error.message}`;
    case 'taken':
      return issues.some((issue) => issue.path === 'username')
        ? `Tên đăng nhập "${String(flags.username)}" đã có người dùng.`
        : `Mã "${String(flags.code)}" đã có đơn vị khác dùng (mã không phân biệt chữ hoa, chữ thường).`;
    case 'form_invalid': {
      const problems = Array.isArray(error.details) ? (error.details as SheetProblem[]) : [];
      return [`Tệp biểu mẫu có ${problems.length} lỗi; chưa lưu gì:`, ...problems.map((problem) => `  ${problemText(problem)}`)].join('\n');
    }
    case 'not_a_spreadsheet':
      return 'Tệp này không phải là bảng tính .xlsx; lưu biểu mẫu dưới dạng Excel Workbook (.xlsx) rồi thử lại.';
    case 'form_published':
      return 'Phiên bản này của biểu mẫu đã ban hành và không thay đổi được; tăng phien_ban trong trang cai_dat để tải lên phiên bản mới.';
    case 'form_not_published':
      return 'Chỉ tải về được biểu mẫu đã ban hành: ban hành bản nháp trước (import-form … --publish).';
    case 'not_found':
      if (command === 'export-form') return notFound.form(String(flags._positional1), String(flags._positional2));
      if (command === 'revoke-device') return notFound.device(String(flags.device));
      if (command === 'set-password') return notFound.staff(String(flags.username));
      if (typeof flags.union === 'string') return notFound.union(flags.union);
      return `Không tìm thấy: ${error.message}`;
    case 'node_cycle':
      return 'Không thể đặt một đơn vị dưới chính nó hoặc dưới một đơn vị cấp dưới của nó.';
    case 'bad_request':
      if (command === 'list-unions')
        return `--year phải từ ${FIRST_REPORT_YEAR} đến ${LAST_REPORT_YEAR} và --kind là một trong: ${PERIOD_KINDS.map((kind) => choice(kind, PERIOD_KIND_NAMES[kind])).join(', ')}.`;
      return `Yêu cầu không hợp lệ: ${error.message}`;
    default:
      return `Không thực hiện được (${error.code}): ${error.message}`;
  }
}

// ---- backups, restores and the move to PostgreSQL (./backups.ts) ----

const VI_NUMBER = new Intl.NumberFormat('vi-VN');
const VI_SIZE = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** A file's size as vi-VN writes it: "840 KB", "1,2 MB". */
export function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${VI_SIZE.format(Math.max(1, bytes / 1024))} KB`;
  if (bytes < 1024 ** 3) return `${VI_SIZE.format(bytes / 1024 ** 2)} MB`;
  return `${VI_SIZE.format(bytes / 1024 ** 3)} GB`;
}

/** Every table with its rows, aligned, and the total: what a backup or a copy holds. */
export function tableOfRows(tables: { table: string; rows: number }[]): string {
  const width = Math.max(12, ...tables.map((table) => table.table.length));
  const total = tables.reduce((sum, table) => sum + table.rows, 0);
  const line = (name: string, rows: string) => `  ${name.padEnd(width)}  ${rows.padStart(10)}`;
  return [line('Bảng', 'Số dòng'), ...tables.map((table) => line(table.table, VI_NUMBER.format(table.rows))), line('Tổng cộng', VI_NUMBER.format(total))].join('\n');
}

export const backupTexts = {
  made: (file: string, bytes: number, at: string) => `Đã sao lưu vào ${file} (${sizeText(bytes)}), lúc ${vietnamDateTime(at)} (giờ Việt Nam).`,
  checked: (version: string | null) =>
    `Đã kiểm tra bản sao lưu: tệp toàn vẹn (integrity_check: ok), không có dòng nào trỏ tới dòng không tồn tại; phiên bản dữ liệu ${version ?? '?'}.`,
  restored: (file: string, where: string, version: string) =>
    `Đã khôi phục ${file} (phiên bản dữ liệu ${version}) vào ${where}, rồi nâng cấp lên phiên bản hiện tại. Số dòng đã chép, đã đếm lại ở cả hai bên:`,
  copied: (from: string, to: string) => `Đã chép toàn bộ dữ liệu từ ${from} sang ${to} (đã đếm lại số dòng ở cả hai bên):`,
  afterCopy: 'Bước tiếp theo: đặt DATABASE_URL của máy chủ thành địa chỉ PostgreSQL này và khởi động lại máy chủ (docs/operations.md).',
  fileExists: (file: string) => `Tệp ${file} đã có; lệnh backup không ghi đè lên tệp nào. Chọn tên tệp khác.`,
  noFile: (file: string) => `Không có tệp ${file}.`,
  notABackup: (file: string, reason: string) => `Tệp ${file} không phải một bản sao lưu dùng được: ${reason}`,
  notEmpty: (where: string, tables: { table: string; rows: number }[]) =>
    `${where} đã có dữ liệu (${tables.map((table) => `${table.table}: ${VI_NUMBER.format(table.rows)} dòng`).join(', ')}).\n` +
    'Lệnh này không ghi đè dữ liệu. Nếu thật sự muốn thay toàn bộ dữ liệu ở đó: dừng máy chủ, sao lưu trước, rồi chạy lại lệnh với --force.',
  newerVersion: (version: string) =>
    `Bản sao lưu được tạo bởi một phiên bản mới hơn phiên bản này (phiên bản dữ liệu ${version}). Hãy cài phiên bản mới hơn rồi khôi phục.`,
  unknownTable: (reason: string) => `Bản sao lưu có bảng hoặc cột mà phiên bản này không biết (${reason}). Hãy cài đúng phiên bản đã tạo bản sao lưu.`,
  countMismatch: (reason: string) => `Số dòng sau khi chép không khớp (${reason}); không có gì được ghi.`,
  brokenReferences: (reason: string) => `Dữ liệu chép sang có dòng trỏ tới dòng không tồn tại (${reason}); không có gì được ghi.`,
  notPostgres: () => '--to phải là địa chỉ PostgreSQL (postgres://người-dùng:mật-khẩu@máy:5432/tên-cơ-sở-dữ-liệu).',
  samePlace: () => '--to là chính cơ sở dữ liệu đang dùng.',
};

export const BACKUP_HELP = `  backup --to <tệp>
        Sao lưu toàn bộ dữ liệu vào một tệp SQLite trong khi máy chủ vẫn chạy (cả khi máy chủ dùng PostgreSQL),
        rồi kiểm tra tệp (toàn vẹn, số dòng của từng bảng) và in những gì nó chứa.
  restore --from <tệp> [--force]
        Khôi phục một bản sao lưu vào cơ sở dữ liệu của máy chủ (SQLite hoặc PostgreSQL), nâng cấp lên phiên bản
        hiện tại. Cơ sở dữ liệu phải trống; --force thay toàn bộ dữ liệu đang có. Dừng máy chủ trước khi khôi phục.
  copy-store --to <postgres://…> [--force]
        Chép toàn bộ dữ liệu sang một cơ sở dữ liệu PostgreSQL trống (chuyển từ SQLite sang PostgreSQL).
`;

// ---- the help ----

export const HELP = `Báo cáo CĐCS — quản trị cây tổ chức của tỉnh

Cách dùng: npm run admin -- <lệnh> [tùy chọn] [--json]

Đơn vị và CĐCS được gọi bằng id hoặc bằng mã (không phân biệt chữ hoa, chữ thường).

Lệnh:
  create-node [--parent <đơn vị>] --kind <loại> --name <tên chính thức> [--short-name <tên ngắn cho tiêu đề>] [--code <mã>]
        Tạo một đơn vị. Không có --parent: đơn vị gốc, loại ${ROOT_NODE_KINDS.join(' | ')}
        (lệnh này tạo cơ sở dữ liệu nếu chưa có). Dưới một đơn vị: ${CREATABLE_NODE_KINDS.join(' | ')}.
  update-node --node <đơn vị> [--name …] [--short-name …] [--code …] [--kind …]
        Đổi tên hoặc loại của một đơn vị (ví dụ đơn vị "district" do bản nâng cấp tạo ra).
  list-nodes
        In cây tổ chức: mỗi đơn vị với loại, mã, số CĐCS trực thuộc trực tiếp và id.
  create-staff --node <đơn vị> --role ${STAFF_ROLES.join('|')} --username <tên> [--password <mật khẩu>]
        Tạo tài khoản cán bộ tại một đơn vị. Mật khẩu lấy từ --password hoặc biến môi trường
        ADMIN_PASSWORD (ít nhất ${MIN_STAFF_PASSWORD_LENGTH} ký tự); không có mật khẩu mặc định.
  set-password --username <tên> [--password <mật khẩu>]
        Đặt mật khẩu mới cho một tài khoản (kết thúc các phiên đăng nhập của tài khoản đó).
  create-union --node <đơn vị> --name <tên> [--code <mã>] [--employer <tên đơn vị sử dụng lao động>] [--sector ${SECTORS.join('|')}]
        Tạo một CĐCS trực thuộc một đơn vị và in id của CĐCS.
  move-union --union <CĐCS> --to <đơn vị> [--effective <YYYY-MM-DD, mặc định hôm nay>]
        Chuyển một CĐCS sang công đoàn cấp trên khác; thiết bị của CĐCS vẫn dùng được, báo cáo đã gửi
        vẫn ở nơi đã nhận. Ngày hiệu lực không được sau hôm nay, không được trước lần chuyển trước.
  issue-code --union <CĐCS> [--days <${CODE_VALID_DAYS.min}–${CODE_VALID_DAYS.max}, mặc định ${DEFAULT_CODE_VALID_DAYS}>] [--max-uses <${CODE_MAX_USES.min}–${CODE_MAX_USES.max}, mặc định ${DEFAULT_CODE_MAX_USES}>]
        Cấp mã kích hoạt cho thiết bị của một CĐCS (chỉ hiện một lần, ví dụ K7QF-M2XP).
  revoke-device --device <id thiết bị>
        Thu hồi một thiết bị; khóa truy cập của thiết bị hết hiệu lực ngay.
  list-unions [--node <đơn vị>] [--year <năm> [--kind ${PERIOD_KINDS.join('|')}]]
        Liệt kê các CĐCS dưới một đơn vị (mặc định: đơn vị gốc), số thiết bị và tình trạng báo cáo.
        Kỳ mặc định là kỳ mà màn hình của đơn vị mở ra: kỳ của đợt báo cáo đang mở, nếu không thì kỳ
        gần nhất đã có báo cáo. Chỉ --year: báo cáo năm của năm đó.
${BACKUP_HELP}
  import-form <tệp .xlsx> --node <đơn vị> [--publish]
        Tải lên biểu mẫu báo cáo soạn bằng bảng tính (quy ước trong docs/forms.md) thành bản nháp của
        đơn vị; in mọi lỗi theo trang, dòng, cột. --publish: ban hành luôn (không thay đổi được nữa).
  export-form <mã biểu mẫu> <phiên bản> --to <tệp .xlsx>
        Ghi một biểu mẫu đã ban hành (hoặc dựng sẵn: ke-hoach-94, mau-1-hdcd) ra bảng tính để soạn phiên bản sau.

Tùy chọn:
  --json   in JSON (cho tập lệnh); thời điểm trong JSON là ISO 8601 theo UTC
  --help   trang này

Cơ sở dữ liệu: lệnh admin đọc cùng thiết lập với máy chủ — DATABASE_URL (postgres://…) hoặc DATA_DIR
(SQLite, tệp DATA_DIR/bao-cao-cdcs.sqlite, mặc định ./data), trong biến môi trường hoặc trong tệp .env
ở thư mục đang chạy. Mỗi lệnh in cơ sở dữ liệu đã mở; chỉ lệnh tạo đơn vị gốc mới tạo cơ sở dữ liệu mới.
`;
