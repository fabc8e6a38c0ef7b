/** Vietnam keeps UTC+7 all year (no daylight saving time), so local time is a fixed offset. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const VN_OFFSET_MS = 7 * 3600 * 1000;

/** The calendar date in Vietnam of an instant, as YYYY-MM-DD. */
export function vietnamDate(at: Date = new Date()): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}
