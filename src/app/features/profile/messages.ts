/**
 * Texts of the union profile screen, in its own chunk; the list's invitation to set the profile up is the
 * app's own (`t.profile`), since the list shows it.
 */
import type { Language } from '../../i18n';

const vi = {
  title: 'Hồ sơ công đoàn cơ sở',
  intro: 'Thông tin này in ở đầu báo cáo và chỉ lưu trên máy này.',
  unionName: 'Tên công đoàn cơ sở',
  unionNameHint: 'Ví dụ: CĐCS Công ty TNHH May Tây Ninh',
  employer: 'Cơ quan, doanh nghiệp',
  sector: 'Khu vực',
  sectorNone: '— Chọn khu vực —',
  // Since 1 July 2025 a CĐCS's address is a commune and a province (two-level local government).
  commune: 'Xã, phường, đặc khu',
  communeHint: 'Nơi công đoàn cơ sở đóng trụ sở, ví dụ: phường Tân Ninh',
  province: 'Tỉnh, thành phố',
  provinceHint: 'Ví dụ: tỉnh Tây Ninh',
  // The district an older build asked for, kept as history (reportSchema.ts says why it is not printed).
  formerDistrict: (district: string) => `Trước 01/07/2025 hồ sơ ghi huyện: ${district}. Thông tin này chỉ lưu lại, không in lên văn bản.`,
  save: 'Lưu hồ sơ',
  saved: 'Đã lưu hồ sơ.',
};

export type ProfileMessages = typeof vi;

const en: ProfileMessages = {
  title: 'Grassroots union profile',
  intro: 'Printed at the top of the report and kept only on this device.',
  unionName: 'Union name',
  unionNameHint: 'e.g. CĐCS Công ty TNHH May Tây Ninh',
  employer: 'Employer (agency or company)',
  sector: 'Sector',
  sectorNone: '— Choose a sector —',
  commune: 'Commune, ward or special zone',
  communeHint: 'Where the union is, e.g. phường Tân Ninh',
  province: 'Province or city',
  provinceHint: 'e.g. tỉnh Tây Ninh',
  formerDistrict: (district) => `Before 1 July 2025 the profile gave the district: ${district}. It is kept for the record and not printed.`,
  save: 'Save profile',
  saved: 'Profile saved.',
};

export function profileMessages(language: Language): ProfileMessages {
  return language === 'en' ? en : vi;
}
