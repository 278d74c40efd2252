/** Times written by the program and enrollment mutations, in Seoul time like the seed's, so stored times sort together. */

const SEOUL_OFFSET_MS = 9 * 3600 * 1000; // KST, no daylight saving

/** Now, e.g. "2026-03-02T19:00:00.123+09:00". */
export function seoulNow(now = Date.now()): string {
  return new Date(now + SEOUL_OFFSET_MS).toISOString().replace('Z', '+09:00');
}

/** The Seoul calendar date of a DateTime, whatever offset it was written with. */
export function seoulDateOf(dateTime: string): string {
  return new Date(Date.parse(dateTime) + SEOUL_OFFSET_MS).toISOString().slice(0, 10);
}
