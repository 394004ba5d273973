/**
 * The union profile since the 2025 reform: its address is a commune and a province, a district typed
 * in an older build is read and kept (never lost, never printed), and enrolment fills only what is empty.
 */
import { describe, expect, it } from 'vitest';
import { makeBackup, parseBackup } from '../../src/domain/backup';
import {
  addressLine,
  communeInName,
  placeNameOfProvince,
  profileAfterEnrolment,
  provinceInName,
  type EnrolledUnion,
} from '../../src/domain/profile';
import { emptyProfile, type UnionProfile } from '../../src/domain/report';
import { unionProfileSchema } from '../../src/domain/reportSchema';
import { neverSynced } from '../../src/domain/sync';
import { validReport } from './fixtures';

/** A profile as the builds before the reform saved it (their schema: four fields, `district` required). */
const OLD_PROFILE = { unionName: 'CĐCS Công ty May Tây Ninh', employer: 'Công ty May Tây Ninh', sector: 'private', district: 'Dương Minh Châu' } as const;

const parse = (text: string) => parseBackup(text, new TextEncoder().encode(text).length);

describe('the profile as stored', () => {
  it('reads a profile an older build saved, district and all', () => {
    const parsed = unionProfileSchema.safeParse(OLD_PROFILE);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(OLD_PROFILE);
  });

  it('reads a profile with the new address and no district', () => {
    const current = { unionName: 'CĐCS Công ty A', employer: 'Công ty A', sector: '', commune: 'phường Tân Ninh', province: 'tỉnh Tây Ninh' };
    expect(unionProfileSchema.safeParse(current)).toMatchObject({ success: true, data: current });
  });

  it('keeps the district through a backup written by an older build, and through one this build writes', () => {
    const older = JSON.stringify({
      format: 'bao-cao-cdcs-backup',
      version: 1,
      exportedAt: '2025-03-01T02:00:00.000Z',
      profile: OLD_PROFILE,
      reports: [{ document: validReport(), sync: neverSynced() }],
    });
    const fromOlder = parse(older);
    expect(fromOlder).toMatchObject({ ok: true, backup: { profile: OLD_PROFILE } });

    const kept: UnionProfile = { ...OLD_PROFILE, commune: 'xã Cầu Khởi', province: 'tỉnh Tây Ninh' };
    const written = JSON.stringify(makeBackup([], kept, '2025-09-01T02:00:00.000Z'));
    expect(parse(written)).toMatchObject({ ok: true, backup: { profile: kept } });
  });

  it('still writes an empty district, which the older builds’ schema requires', () => {
    expect(emptyProfile()).toEqual({ unionName: '', employer: '', sector: '', district: '' });
  });
});

describe('the address read from the names of the tree', () => {
  it.each([
    ['Liên đoàn Lao động tỉnh Tây Ninh', 'tỉnh Tây Ninh'],
    ['Liên đoàn Lao động Thành phố Hồ Chí Minh', 'thành phố Hồ Chí Minh'],
    ['LĐLĐ TP. Hà Nội', 'thành phố Hà Nội'],
    ['Liên đoàn Lao động', null],
  ])('finds the province in “%s”', (name, province) => {
    expect(provinceInName(name)).toBe(province);
  });

  it.each([
    ['Công đoàn phường Bến Thành', 'phường Bến Thành'],
    ['Công đoàn Xã Cầu Khởi', 'xã Cầu Khởi'],
    ['Công đoàn đặc khu Phú Quốc', 'đặc khu Phú Quốc'],
    ['Công đoàn phường Tân Ninh, tỉnh Tây Ninh', 'phường Tân Ninh'],
    ['Công đoàn phường Tân Ninh tỉnh Tây Ninh', 'phường Tân Ninh'],
    // A commune union over several communes: the union's own is not known.
    ['Công đoàn xã Cầu Khởi và xã Phước Minh', null],
    ['Công đoàn các xã Cầu Khởi, Phước Minh', null],
    ['Công đoàn viên chức', null],
  ])('finds the commune in “%s”', (name, commune) => {
    expect(communeInName(name)).toBe(commune);
  });

  it('gives the place before the date as NĐ 30 writes it', () => {
    expect(placeNameOfProvince('tỉnh Tây Ninh')).toBe('Tây Ninh');
    expect(placeNameOfProvince('thành phố Hà Nội')).toBe('Hà Nội');
    expect(placeNameOfProvince('thành phố Hồ Chí Minh')).toBe('Thành phố Hồ Chí Minh');
    expect(placeNameOfProvince('Tây Ninh')).toBe('Tây Ninh');
  });

  it('writes the address on one line, leaving out what is not given', () => {
    expect(addressLine({ commune: 'xã Cầu Khởi', province: 'tỉnh Tây Ninh' })).toBe('xã Cầu Khởi, tỉnh Tây Ninh');
    expect(addressLine({ commune: '  ', province: 'tỉnh Tây Ninh' })).toBe('tỉnh Tây Ninh');
    expect(addressLine({})).toBe('');
  });
});

describe('the profile after enrolment', () => {
  const enrolled: EnrolledUnion = {
    union: { name: 'CĐCS Công ty May Tân Ninh', employer: 'Công ty TNHH May Tân Ninh', sector: 'foreign' },
    superior: { name: 'Công đoàn phường Tân Ninh' },
    address: { commune: 'phường Tân Ninh', province: 'tỉnh Tây Ninh' },
  };

  it('fills an empty profile with what the server knows', () => {
    expect(profileAfterEnrolment(emptyProfile(), enrolled)).toEqual({
      unionName: 'CĐCS Công ty May Tân Ninh',
      employer: 'Công ty TNHH May Tân Ninh',
      sector: 'foreign',
      district: '',
      superiorName: 'Công đoàn phường Tân Ninh',
      commune: 'phường Tân Ninh',
      province: 'tỉnh Tây Ninh',
      placeName: 'Tây Ninh',
    });
  });

  it('never overwrites what the officer typed, and keeps a former district', () => {
    const typed: UnionProfile = { ...OLD_PROFILE, unionName: 'Công đoàn cơ sở Công ty May', superiorName: 'CĐ các KCN tỉnh Tây Ninh', placeName: 'Tây Ninh', signerName: 'Trần Thị Mai' };
    const after = profileAfterEnrolment(typed, enrolled);
    expect(after).toEqual({ ...typed, commune: 'phường Tân Ninh', province: 'tỉnh Tây Ninh' });
    // A field left as blanks counts as empty.
    expect(profileAfterEnrolment({ ...emptyProfile(), unionName: '   ' }, enrolled).unionName).toBe('CĐCS Công ty May Tân Ninh');
  });

  it('changes nothing when the server knows nothing more (an older server sends no address)', () => {
    const full = profileAfterEnrolment(emptyProfile(), enrolled);
    expect(profileAfterEnrolment(full, enrolled)).toBe(full);
    const older = profileAfterEnrolment(emptyProfile(), { union: { name: 'CĐCS A' }, superior: null });
    expect(older).toEqual({ ...emptyProfile(), unionName: 'CĐCS A' });
    expect(profileAfterEnrolment(emptyProfile(), { ...enrolled, union: { ...enrolled.union, sector: 'unknown' } }).sector).toBe('');
  });
});
