/** Texts of the server's backups line on the province's node screen (BackupStatus), Vietnamese first. */
import type { Language } from '../../i18n';

const vi = {
  title: 'Sao lưu máy chủ',
  last: (at: string) => `Bản sao lưu gần nhất đạt kiểm tra: ${at}`,
  size: (kb: string, rows: string) => `${kb} KB, ${rows} dòng dữ liệu`,
  none: 'Chưa có bản sao lưu nào đạt kiểm tra.',
  stale: 'Bản sao lưu gần nhất đã cũ hơn hai đêm: các lần sao lưu sau không chạy hoặc không đạt. Xem nhật ký máy chủ.',
  nightly: (at: string, keep: string) => `Máy chủ tự sao lưu mỗi đêm lúc ${at} (giờ Việt Nam), giữ ${keep} bản gần nhất.`,
  noNightly: 'Máy chủ chưa tự sao lưu hằng đêm (chưa đặt BACKUP_DIR); xem hướng dẫn vận hành (docs/operations.md).',
};

export type ServerMessages = typeof vi;

const en: ServerMessages = {
  title: 'Server backups',
  last: (at: string) => `Last backup that passed its check: ${at}`,
  size: (kb: string, rows: string) => `${kb} KB, ${rows} rows`,
  none: 'No backup has passed its check yet.',
  stale: 'The last backup is more than two nights old: the later ones did not run or failed. See the server log.',
  nightly: (at: string, keep: string) => `The server backs itself up every night at ${at} (Vietnam time) and keeps the last ${keep}.`,
  noNightly: 'The server makes no nightly backup (BACKUP_DIR is not set); see the operations guide (docs/operations.md).',
};

export function serverMessages(language: Language): ServerMessages {
  return language === 'en' ? en : vi;
}
