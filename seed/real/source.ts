/** Reading the files under seed/data and cleaning their cells. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../csv';
import type { GeoPoint } from '../network.types';

const DATA_DIR = join(__dirname, '..', 'data');

export function readDataCsv<C extends string>(file: string, columns: readonly C[]): Record<C, string>[] {
  return parseCsv(readFileSync(join(DATA_DIR, file), 'utf8'), columns);
}

export function readDataJson<T>(file: string): T {
  return JSON.parse(readFileSync(join(DATA_DIR, file), 'utf8')) as T;
}

export function textOrNull(cell: string): string | null {
  const text = cell.trim();
  return text === '' ? null : text;
}

/** Strict number parsing: "37.57~2" or "" is not a coordinate. */
export function numberOrNull(cell: string): number | null {
  const text = cell.trim();
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}

export function pointOrNull(lat: string, lng: string): GeoPoint | null {
  const point = { lat: numberOrNull(lat), lng: numberOrNull(lng) };
  return point.lat === null || point.lng === null ? null : { lat: point.lat, lng: point.lng };
}

/** A seat count such as "240", "1,200" or "50석"; lists like "대강당 600석/소공연장 190석" are not one number. */
export function seatsOrNull(cell: string): number | null {
  const match = /^(\d[\d,]*)\s*석?$/.exec(cell.trim());
  return match ? Number(match[1].replace(/,/g, '')) : null;
}

/** Names compared with their spacing ignored: "학마을도서관 (종합자료실)" and "학마을 도서관(종합자료실)" are one. */
export function withoutSpaces(name: string): string {
  return name.replace(/\s+/g, '');
}
