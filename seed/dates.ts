/** Calendar days as integers (days since 1970-01-01), the unit the generator works in. */

const DAY_MS = 86_400_000;
const isoDateCache = new Map<number, string>(); // programs reuse a few hundred days millions of times

/** "2026-03-04" → its day number. */
export function dayOf(isoDate: string): number {
  const ms = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO date: ${isoDate}`);
  return ms / DAY_MS;
}

/** Day number → "2026-03-04". */
export function isoDate(day: number): string {
  let text = isoDateCache.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoDateCache.set(day, text);
  }
  return text;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** A Seoul wall-clock time on a day, e.g. "2026-03-04T19:00:00+09:00". */
export function kstDateTime(day: number, secondOfDay: number): string {
  const hours = Math.floor(secondOfDay / 3600);
  const minutes = Math.floor(secondOfDay / 60) % 60;
  return `${isoDate(day)}T${pad2(hours)}:${pad2(minutes)}:${pad2(secondOfDay % 60)}+09:00`;
}
