/**
 * What a new staff password must be (issue 23): at least MIN_STAFF_PASSWORD_LENGTH characters, not one
 * of the passwords people use most, not the user name. It applies wherever a password is set: a new
 * account, the member's own change, an admin's reset, the command line's set-password.
 *
 * The list of common passwords is zxcvbn's (`@zxcvbn-ts/language-common`, ~49,000 passwords from
 * leaked sets, ranked by use). Only entries at least the minimum length can ever match, so the server
 * keeps those (~1,600) in a set, loaded on the first check; the browser never loads the list.
 */
import { MIN_STAFF_PASSWORD_LENGTH } from '../../domain/staff';
import { type FieldIssue, validationFailed } from './errors';

export const MAX_STAFF_PASSWORD_LENGTH = 1024;

let commonPasswords: Promise<Set<string>> | undefined;

function loadCommonPasswords(): Promise<Set<string>> {
  commonPasswords ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) => new Set(dictionary['passwords-common'].filter((password) => password.length >= MIN_STAFF_PASSWORD_LENGTH)),
  );
  return commonPasswords;
}

/** The first rule `password` breaks, as the issue of the body field `path`; null when it passes. */
export async function passwordIssue(password: string, username: string, path: string): Promise<FieldIssue | null> {
  if ([...password].length < MIN_STAFF_PASSWORD_LENGTH)
    return { path, code: 'too_short', message: `The password must have at least ${MIN_STAFF_PASSWORD_LENGTH} characters.` };
  if (password.length > MAX_STAFF_PASSWORD_LENGTH) return { path, code: 'too_long', message: `The password must have at most ${MAX_STAFF_PASSWORD_LENGTH} characters.` };
  const folded = password.trim().toLowerCase();
  if (folded === username.trim().toLowerCase()) return { path, code: 'same_as_username', message: 'The password must not be the user name.' };
  if ((await loadCommonPasswords()).has(folded)) return { path, code: 'common', message: 'This password is one of the most used; choose another.' };
  return null;
}

/** 422 `validation_failed` naming `path` when the password breaks a rule. */
export async function checkNewPassword(password: string, username: string, path: string): Promise<void> {
  const issue = await passwordIssue(password, username, path);
  if (issue) throw validationFailed([issue], issue.message);
}
