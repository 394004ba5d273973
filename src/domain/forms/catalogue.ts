/**
 * Forms as the server keeps them and the staff screens list them (issue 22): a province uploads its
 * form as a spreadsheet (docs/forms.md), the server keeps each version as a draft until an admin
 * publishes it, and a published version never changes. The built-in forms (`builtin/`) are listed
 * beside them, owned by no node. One declaration for the server and the staff screens.
 */
import type { FormDefinition, FormStatus } from './definition';
import type { SheetProblem } from './spreadsheet';

/** The spreadsheet's media type: the upload's Content-Type and the download's. */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A form of a few hundred rows is tens of kilobytes; anything near this is not a form. */
export const MAX_FORM_FILE_BYTES = 2 * 1024 * 1024;

/** One version of a form, without its rows. */
export interface FormSummary {
  code: string;
  version: number;
  title: string;
  basis: string | null;
  status: FormStatus;
  /** Shipped with the app (Plan 94, Mẫu 1-HĐCĐ): no node owns it and it is always published. */
  builtin: boolean;
  /** The node whose subtree the form is for; null for a built-in one. */
  node: { id: string; name: string } | null;
  /** Null for a built-in form. */
  createdAt: string | null;
  createdBy: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
}

/** `GET /api/staff/forms/:code/:version` and what importing or publishing answers. */
export interface FormVersion {
  form: FormSummary;
  definition: FormDefinition;
}

/** `details` of a 422 `form_invalid`: every problem of the uploaded spreadsheet, in Vietnamese. */
export type FormProblems = SheetProblem[];

/** The file name a download is offered under: `mau-1-hdcd-v1.xlsx`. */
export function formFileName(code: string, version: number): string {
  return `${code}-v${version}.xlsx`;
}
