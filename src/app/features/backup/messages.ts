/**
 * Texts of the backup screen (backup to a file, restore from one). They travel in the screen's own chunk,
 * never in the list's start (the bundle budget, issue 22).
 */
import type { Language } from '../../i18n';

const vi = {
  title: 'Sao lưu và khôi phục',
  exportTitle: 'Sao lưu ra tệp',
  exportIntro: 'Tệp chứa mọi báo cáo và hồ sơ công đoàn, kể cả thay đổi chưa gửi. Hãy giữ tệp khi đổi điện thoại.',
  export: 'Tải tệp sao lưu',
  exported: (file: string, count: number) => `Đã tạo tệp ${file} (${count} báo cáo).`,
  importTitle: 'Khôi phục từ tệp',
  importIntro: 'Chọn tệp sao lưu. Ứng dụng kiểm tra toàn bộ tệp và cho biết sẽ làm gì trước khi thay đổi bất cứ điều gì.',
  chooseFile: 'Chọn tệp sao lưu (.json)',
  reading: 'Đang đọc tệp…',
  problems: {
    tooLarge: 'Tệp quá lớn (trên 10 MB), không phải tệp sao lưu của ứng dụng. Không có gì thay đổi.',
    empty: 'Tệp rỗng. Không có gì thay đổi.',
    notJson: 'Tệp bị hỏng hoặc không đầy đủ (có thể tải về chưa xong). Không có gì thay đổi.',
    notBackup: 'Đây không phải tệp sao lưu của Báo cáo CĐCS. Không có gì thay đổi.',
    newerVersion: 'Tệp được tạo bởi phiên bản mới hơn của ứng dụng. Hãy cập nhật ứng dụng rồi thử lại. Không có gì thay đổi.',
    invalid: 'Tệp sao lưu có số liệu không hợp lệ (có thể đã bị sửa tay). Không có gì thay đổi.',
    unreadable: 'Không đọc được tệp. Không có gì thay đổi.',
  },
  planTitle: 'Tệp này sẽ:',
  planNew: (n: number) => `thêm ${n} báo cáo mới`,
  planNewer: (n: number) => `${n} báo cáo mới hơn bản trên máy`,
  planOlder: (n: number) => `${n} báo cáo cũ hơn bản trên máy`,
  planSame: (n: number) => `${n} báo cáo giống hệt bản trên máy (bỏ qua)`,
  actionLabels: { new: 'Mới', newer: 'Tệp mới hơn', older: 'Máy mới hơn', same: 'Giống nhau' },
  replaceNewer: 'Thay bản trên máy bằng bản trong tệp (mới hơn)',
  replaceOlder: 'Thay bản trên máy bằng bản trong tệp (CŨ hơn — sẽ mất các sửa đổi gần đây trên máy)',
  replaceProfile: 'Thay hồ sơ công đoàn trên máy bằng hồ sơ trong tệp',
  confirm: 'Khôi phục',
  cancel: 'Không khôi phục',
  nothingToDo: 'Không có gì cần khôi phục: mọi báo cáo trong tệp đã có trên máy.',
  done: (added: number, replaced: number, skipped: number) =>
    `Đã khôi phục: thêm ${added}, thay ${replaced}, giữ nguyên ${skipped} báo cáo.`,
  periodClash: (label: string) =>
    `Trong tệp có “${label}” khác với báo cáo cùng kỳ đang có trên máy. Sau khi khôi phục sẽ có hai báo cáo cùng kỳ: hãy giữ một và xoá báo cáo thừa.`,
  planChanged: 'Số liệu trên máy vừa thay đổi. Hãy chọn lại tệp để xem kế hoạch mới. Chưa có gì thay đổi.',
};

export type BackupMessages = typeof vi;

const en: BackupMessages = {
  title: 'Backup and restore',
  exportTitle: 'Back up to a file',
  exportIntro: 'The file holds every report and the union profile, unsent changes included. Keep it when changing phones.',
  export: 'Download the backup file',
  exported: (file, count) => `Created ${file} (${count} reports).`,
  importTitle: 'Restore from a file',
  importIntro: 'Choose a backup file. The whole file is checked and you see what will happen before anything changes.',
  chooseFile: 'Choose a backup file (.json)',
  reading: 'Reading the file…',
  problems: {
    tooLarge: 'The file is too large (over 10 MB) to be a backup of this app. Nothing changed.',
    empty: 'The file is empty. Nothing changed.',
    notJson: 'The file is damaged or incomplete (perhaps not fully downloaded). Nothing changed.',
    notBackup: 'This is not a Báo cáo CĐCS backup file. Nothing changed.',
    newerVersion: 'The file was made by a newer version of the app. Update the app and try again. Nothing changed.',
    invalid: 'The backup holds invalid figures (perhaps edited by hand). Nothing changed.',
    unreadable: 'The file could not be read. Nothing changed.',
  },
  planTitle: 'This file would:',
  planNew: (n) => `add ${n} new reports`,
  planNewer: (n) => `${n} reports newer than this device's copy`,
  planOlder: (n) => `${n} reports older than this device's copy`,
  planSame: (n) => `${n} reports identical to this device's (skipped)`,
  actionLabels: { new: 'New', newer: 'File is newer', older: 'Device is newer', same: 'Same' },
  replaceNewer: "Replace this device's copy with the file's (newer)",
  replaceOlder: "Replace this device's copy with the file's (OLDER — recent changes on this device are lost)",
  replaceProfile: "Replace this device's union profile with the file's",
  confirm: 'Restore',
  cancel: 'Do not restore',
  nothingToDo: 'Nothing to restore: every report in the file is already on this device.',
  done: (added, replaced, skipped) => `Restored: ${added} added, ${replaced} replaced, ${skipped} kept.`,
  periodClash: (label) =>
    `The file holds a “${label}” that differs from the report of the same period on this device. After restoring there will be two: keep one and delete the other.`,
  planChanged: 'The reports on this device just changed. Choose the file again to see a new plan. Nothing changed.',
};

export function backupMessages(language: Language): BackupMessages {
  return language === 'en' ? en : vi;
}
