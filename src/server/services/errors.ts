import * as z from 'zod/mini';
import { en } from 'zod/locales';
import type { ApiErrorCode } from '../../domain/sync';

// zod/mini ships without messages ("Invalid input"); on the server, where size does not matter, say what is wrong.
z.config(en());

/** A refusal the client caused (or a named server fault): the HTTP layer turns it into `{error, message, details}`. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export interface FieldIssue {
  path: string;
  code: string;
  message: string;
}

export function validationFailed(issues: FieldIssue[], message = 'The body does not pass validation.'): ApiFailure {
  return new ApiFailure(422, 'validation_failed', message, issues);
}

/** zod issues → `[{ path, code, message }]` with dotted paths, as the form names its fields. */
export function zodIssues(issues: readonly { path: readonly PropertyKey[]; code: string; message: string }[]): FieldIssue[] {
  return issues.map((issue) => ({
    path: issue.path.map((part) => String(part)).join('.'),
    code: issue.code,
    message: issue.message,
  }));
}
