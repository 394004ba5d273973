/**
 * The zod schema of the report and of the union's profile (`report.ts` has their types and lists):
 * what the server and a backup file's import check. The schema accepts any draft the officer can type
 * (a negative or fractional count is still a number and is still saved); the rules that make a report
 * ready to send live in `validation.ts`.
 *
 * A module of its own because building a zod schema costs time when the module loads: the phone's start
 * (the editor, the local database) uses only the types and lists, and on a slow phone's cold start
 * building these schemas was a twentieth of the whole (decision 0010).
 */
import * as z from 'zod/mini';
import { FORM_ID, formValuesSchema, ROW_CODE } from './forms/definition';
import { FIRST_REPORT_YEAR, LAST_REPORT_YEAR, PERIOD_KINDS } from './period';
import { DIALOGUE_KINDS, LONG_TEXT, MAX_DIALOGUE_SESSIONS, REPORT_STATUSES, SECTORS, SHORT_TEXT } from './report';

/** A count as typed: any finite number (rules flag negatives and fractions), or empty. */
const count = z.nullable(z.number().check(z.gte(-1e9), z.lte(1e9)));
const shortText = z.string().check(z.maxLength(SHORT_TEXT));
const longText = z.string().check(z.maxLength(LONG_TEXT));
/** An ISO calendar date, or empty. */
const optionalDate = z.union([z.iso.date(), z.literal('')]);

export const dialogueSessionSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  date: optionalDate,
  kind: z.enum(DIALOGUE_KINDS),
  ledBy: shortText,
  participants: count,
  recommendationsRaised: count,
  recommendationsResolved: count,
  notes: longText,
});
export type DialogueSession = z.infer<typeof dialogueSessionSchema>;

export const membershipSchema = z.object({
  workers: count,
  members: count,
  femaleMembers: count,
  newMembers: count,
  membersLeft: count,
  membersInOtherOrganisations: count,
});
export type Membership = z.infer<typeof membershipSchema>;

export const issuanceSchema = z.object({
  /** As the office numbers it: `05`, `12`; kept as text so a leading zero survives. */
  number: z.string().check(z.maxLength(20)),
  date: optionalDate,
});
export type Issuance = z.infer<typeof issuanceSchema>;

export const reportDocumentSchema = z.object({
  id: z.uuid(),
  period: z.object({
    year: z.int().check(z.gte(FIRST_REPORT_YEAR), z.lte(LAST_REPORT_YEAR)),
    kind: z.enum(PERIOD_KINDS),
  }),
  status: z.enum(REPORT_STATUSES),
  /**
   * The form the report answers (issue 22, forms/reportForm.ts); absent: the built-in Plan 94 form, as
   * every report written before forms and every older build's report.
   */
  form: z.optional(z.object({ id: z.string().check(z.regex(FORM_ID)), version: z.int().check(z.gte(1), z.lte(10_000)) })),
  /** A form's rows: row code → value (absent for Plan 94, whose rows are the fields below). */
  values: z.optional(formValuesSchema),
  /** The officer's explanation of a row's warning, by row code (Plan 94 keeps `explanations`). */
  valueNotes: z.optional(z.record(z.string().check(z.regex(ROW_CODE)), longText)),
  /** II.7, II.3 */
  membership: membershipSchema,
  /** II.5, II.7 */
  dialogues: z.array(dialogueSessionSchema).check(z.maxLength(MAX_DIALOGUE_SESSIONS)),
  /** II.1 tuyên truyền, quán triệt */
  dissemination: z.object({ sessions: count, attendance: count }),
  /** II.2 học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh */
  studyAndFollow: z.object({ activities: count, commendations: count, notes: longText }),
  /** II.3 đào tạo, bồi dưỡng cán bộ công đoàn */
  officerTraining: z.object({ officersTrained: count }),
  /** II.4 giới thiệu đoàn viên ưu tú cho Đảng */
  partyDevelopment: z.object({ introduced: count, admitted: count }),
  /** II.5 kiểm tra, giám sát; phòng, chống tham nhũng; khiếu nại, tố cáo */
  inspection: z.object({
    inspections: count,
    supervisions: count,
    antiCorruptionSessions: count,
    complaintsReceived: count,
    complaintsResolved: count,
  }),
  /** II.7 quy chế dân chủ cơ sở */
  grassrootsDemocracy: z.object({ workersConferenceHeld: z.nullable(z.boolean()), workersConferenceDate: optionalDate }),
  /** II.6 cải cách hành chính, ứng dụng CNTT */
  administrativeReform: z.object({ notes: longText }),
  /** III kiến nghị, đề xuất */
  proposals: z.object({ text: longText }),
  /** Explanations the officer gives for warnings (tái "ảo", Party admissions). */
  explanations: z.object({ memberChange: longText, partyAdmission: longText }),
  /**
   * The number and date the report carries as an official document (`Số: 05/BC-CĐCS`, `ngày 05 tháng
   * 12 năm 2026`). Optional: reports written before the printed document existed have none.
   */
  issuance: z.optional(issuanceSchema),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ReportDocument = z.infer<typeof reportDocumentSchema>;

export const unionProfileSchema = z.object({
  unionName: shortText,
  employer: shortText,
  sector: z.union([z.enum(SECTORS), z.literal('')]),
  /**
   * The union's address since local government has two levels (1 July 2025): its commune (`xã`,
   * `phường` or `đặc khu`) and its province (`tỉnh` or `thành phố`). Optional: profiles saved before
   * had none; enrolment fills them from the server's tree when it can tell (profile.ts).
   */
  commune: z.optional(shortText),
  province: z.optional(shortText),
  /**
   * History: the "Huyện" that builds before the reform asked for (districts ended on 1 July 2025).
   * Kept as the officer typed it, shown on the profile as the former district and never printed: it
   * cannot be folded into the new address, since a former district's name is neither a commune's nor a
   * province's (its communes were merged and renamed), and printing it would put a place that no longer
   * exists on an official document. Optional when read (a profile may have none), but this build
   * still writes it (`''` when empty): a backup goes on opening in an older build, whose schema
   * requires the key.
   */
  district: z.optional(shortText),
  // What the printed report's header, signature and recipients need (NĐ 30/2020, Phụ lục I). Optional:
  // profiles saved before the printed document existed have none, and the print view asks for them.
  /** The direct superior's name as printed above the union's, e.g. `CÔNG ĐOÀN CÁC KHU CÔNG NGHIỆP TỈNH TÂY NINH`. */
  superiorName: z.optional(shortText),
  /** The union's short name in the document symbol: `CĐCS` in `Số: 05/BC-CĐCS`. */
  shortName: z.optional(z.string().check(z.maxLength(40))),
  /** The place name before the date: `Tây Ninh` in `Tây Ninh, ngày 05 tháng 12 năm 2026`. */
  placeName: z.optional(shortText),
  signerName: z.optional(shortText),
  /** `Chủ tịch`, `Phó Chủ tịch`: printed upper case under `TM. BAN CHẤP HÀNH`. */
  signerTitle: z.optional(shortText),
  /** Recipients besides the addressee (`- Như trên;`) and the archive (`- Lưu: VT.`), one per line. */
  recipients: z.optional(z.string().check(z.maxLength(2_000))),
});
export type UnionProfile = z.infer<typeof unionProfileSchema>;
