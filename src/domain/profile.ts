/**
 * The union profile's address since the 2025 reform, and what enrolment fills in of the profile.
 *
 * Since 1 July 2025 local government has two levels (Luật Tổ chức chính quyền địa phương 2025): the
 * commune (xã, phường, đặc khu) and the province (tỉnh, thành phố trực thuộc trung ương). A CĐCS's address is a commune and a province; there is no district any more.
 * The server knows where a union sits only through the names of its tree (the province federation at
 * the root, a commune union above some CĐCS), so what it can tell is read from those names, and only
 * when a name says it plainly. The officer can change every value; enrolment never overwrites one.
 *
 * Not on the phone's start path: the enrolment runtime and the print view load it.
 */
import { SECTORS, type Sector, type UnionProfile } from './report';

/** Where a union is, as far as the server's tree says: `null` where it cannot tell. */
export interface UnionAddress {
  /** `phường Bến Thành`, `xã Dương Minh Châu`, `đặc khu Phú Quốc`. */
  commune: string | null;
  /** `tỉnh Tây Ninh`, `thành phố Hồ Chí Minh`. */
  province: string | null;
}

/** A word that starts a new unit in a node's name: after it the name no longer speaks of one place. */
const COMMUNE_WORD = /(?:^|[\s,(])(xã|phường|đặc khu)\s+(\S.*)$/iu;
const PROVINCE_WORD = /(?:^|[\s,(])(tỉnh|thành phố|tp\.?)\s*(\S.*)$/iu;

function lowerWord(word: string): string {
  const lower = word.toLocaleLowerCase('vi-VN');
  return lower === 'tp' || lower === 'tp.' ? 'thành phố' : lower;
}

function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\s,;.)]+$/u, '').trim();
}

/**
 * `Liên đoàn Lao động tỉnh Tây Ninh` → `tỉnh Tây Ninh`; `LĐLĐ TP. Hồ Chí Minh` → `thành phố Hồ Chí
 * Minh`. Null when the name names no province.
 */
export function provinceInName(name: string): string | null {
  const match = PROVINCE_WORD.exec(name.trim());
  if (!match) return null;
  const rest = tidy(match[2]!);
  return rest ? `${lowerWord(match[1]!)} ${rest}` : null;
}

/**
 * `Công đoàn phường Bến Thành` → `phường Bến Thành` (a province named after it is left out). Null when
 * the name names no commune, or several: a commune union may cover more than one commune, and then
 * the union's own commune is not known.
 */
export function communeInName(name: string): string | null {
  const match = COMMUNE_WORD.exec(name.trim());
  if (!match) return null;
  let rest = match[2]!;
  const province = PROVINCE_WORD.exec(rest);
  if (province) rest = rest.slice(0, province.index);
  rest = tidy(rest);
  if (!rest || COMMUNE_WORD.test(rest) || /,|;|\svà\s|\s-\s/u.test(rest)) return null;
  return `${lowerWord(match[1]!)} ${rest}`;
}

/**
 * The place name before a document's date (NĐ 30/2020, Phụ lục I): the province's name without
 * `tỉnh` or `thành phố`, except a city named after a person, which keeps it (`Thành phố Hồ Chí Minh`).
 */
export function placeNameOfProvince(province: string): string {
  const match = /^(tỉnh|thành phố)\s+(.+)$/iu.exec(province.trim());
  if (!match) return province.trim();
  const name = match[2]!.trim();
  return /^hồ chí minh$/iu.test(name) ? `Thành phố ${name}` : name;
}

/** `phường Bến Thành, thành phố Hồ Chí Minh`: the profile's address as one line, '' when none was given. */
export function addressLine(profile: Pick<UnionProfile, 'commune' | 'province'>): string {
  return [profile.commune, profile.province]
    .map((part) => (part ?? '').trim())
    .filter((part) => part !== '')
    .join(', ');
}

/** What the server's enrolment answer tells of the union (`EnrolResponse`; older servers send less). */
export interface EnrolledUnion {
  union: { name: string; employer?: string; sector?: string };
  superior: { name: string } | null;
  address?: Partial<UnionAddress> | null;
}

const isSector = (value: string | undefined): value is Sector => (SECTORS as readonly string[]).includes(value ?? '');

/**
 * The profile after enrolment: every field still empty takes what the server knows; a field the
 * officer filled (anything but blanks) is kept as it is. Returns the same object when nothing changes.
 */
export function profileAfterEnrolment(saved: UnionProfile, enrolled: EnrolledUnion): UnionProfile {
  const known: Partial<Record<'unionName' | 'employer' | 'superiorName' | 'commune' | 'province' | 'placeName', string>> = {
    unionName: enrolled.union.name,
    employer: enrolled.union.employer,
    superiorName: enrolled.superior?.name,
    commune: enrolled.address?.commune ?? undefined,
    province: enrolled.address?.province ?? undefined,
  };
  if (known.province) known.placeName = placeNameOfProvince(known.province);
  let next = saved;
  for (const [key, value] of Object.entries(known) as [keyof typeof known, string | undefined][]) {
    const given = typeof value === 'string' ? value.trim().slice(0, 200) : '';
    if (given && !(saved[key] ?? '').trim()) next = { ...next, [key]: given };
  }
  if (saved.sector === '' && isSector(enrolled.union.sector)) next = { ...next, sector: enrolled.union.sector };
  return next;
}
