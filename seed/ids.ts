/** Id and ordering helpers shared by the real-data loaders and the generator. */

/** "LIB", 7, 4 → "LIB0007". */
export function sequenceId(prefix: string, n: number, digits: number): string {
  return prefix + String(n).padStart(digits, '0');
}

/** Code-unit order: unlike localeCompare it cannot vary with the ICU build, so ids stay stable. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Sited {
  districtCode: string;
  name: string;
  lat: number;
  lng: number;
}

/**
 * Numbers real institutions in (district, name) order, so an id survives a
 * rerun and changes only when the source rows do. The point breaks ties.
 */
export function numberByDistrictAndName<R extends Sited>(rows: readonly R[], prefix: string): ({ id: string } & R)[] {
  return rows
    .slice()
    .sort(
      (a, b) =>
        compareText(a.districtCode, b.districtCode) || compareText(a.name, b.name) || a.lat - b.lat || a.lng - b.lng,
    )
    .map((row, i) => ({ id: sequenceId(prefix, i + 1, 4), ...row }));
}
