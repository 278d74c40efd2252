/** The 1,313 Seoul elementary, middle and high schools of the national school location data. */
import { compareText } from '../ids';
import type { SchoolLevel, SchoolRow } from '../network.types';
import type { Placer } from './placement';
import { pointOrNull, readDataCsv, textOrNull } from './source';

const LEVELS: Record<string, SchoolLevel> = { 초등학교: 'ELEMENTARY', 중학교: 'MIDDLE', 고등학교: 'HIGH' };

export function loadSchools(placer: Placer): SchoolRow[] {
  return readDataCsv('seoul_schools_2026.csv', [
    'school_id',
    'name_ko',
    'level_ko',
    'founded',
    'road_address',
    'education_office_code',
    'lat',
    'lng',
    'gu_code',
  ] as const)
    .map((row): SchoolRow => {
      const level = LEVELS[row.level_ko];
      const point = pointOrNull(row.lat, row.lng);
      if (!level || !point) throw new Error(`seoul_schools_2026.csv: unusable row ${row.school_id}`);
      return {
        id: row.school_id,
        name: row.name_ko.trim(),
        level,
        districtCode: row.gu_code,
        // the school's own gu stays authoritative; the dong comes from its point
        dongCode: placer.dongAt(point),
        educationOfficeCode: row.education_office_code,
        address: textOrNull(row.road_address),
        foundedOn: /^\d{4}-\d{2}-\d{2}$/.test(row.founded) ? row.founded : null,
        ...point,
      };
    })
    .sort((a, b) => compareText(a.id, b.id));
}
