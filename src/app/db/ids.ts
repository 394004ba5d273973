/**
 * UUIDs made on the device (report ids, idempotency keys, dialogue session ids).
 * `crypto.randomUUID` exists only in secure contexts; an officer testing the app on a LAN address
 * over plain http still gets RFC 4122 v4 ids from `getRandomValues`, which every browser has.
 */
export function newUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
