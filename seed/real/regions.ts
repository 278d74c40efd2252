/**
 * The administrative map: districts (gu), dongs, education support offices
 * and the lifelong-education fields. Dongs are the April 2021 set with the
 * later changes that have known codes applied on top.
 */
import { distanceMeters } from '../geo';
import type { DistrictRow, DongRow, EducationOfficeRow, GeoPoint, LifelongEducationFieldRow } from '../network.types';
import { compareText } from '../ids';
import { numberOrNull, pointOrNull, readDataCsv, textOrNull } from './source';

/** The Seoul Metropolitan Office of Education (its own file: it serves no district), then its 11 support offices. */
export function loadEducationOffices(): EducationOfficeRow[] {
  const city = readDataCsv('seoul_office_of_education.csv', ['code', 'name_ko', 'name_en'] as const).map((row) => ({
    code: row.code,
    key: 'seoul',
    nameKo: row.name_ko,
    nameEn: row.name_en,
    districtCodes: [],
  }));
  const support = readDataCsv('seoul_education_support_offices.csv', [
    'office_key',
    'name_ko',
    'name_en',
    'org_code_std2026',
    'gu_codes',
  ] as const).map((row) => ({
    code: row.org_code_std2026,
    key: row.office_key,
    nameKo: row.name_ko,
    nameEn: row.name_en,
    districtCodes: row.gu_codes.split('|').sort(compareText),
  }));
  return [...city, ...support].sort((a, b) => compareText(a.code, b.code));
}

export function loadDistricts(offices: readonly EducationOfficeRow[]): DistrictRow[] {
  const officeCodeByKey = new Map(offices.map((office) => [office.key, office.code]));
  return readDataCsv('seoul_gu.csv', [
    'gu_code',
    'gu_name_ko',
    'gu_name_en',
    'inner_point_lat',
    'inner_point_lng',
    'centroid_lat',
    'centroid_lng',
    'area_km2',
    'education_office_key',
  ] as const)
    .map((row) => {
      const location =
        pointOrNull(row.inner_point_lat, row.inner_point_lng) ?? pointOrNull(row.centroid_lat, row.centroid_lng);
      const educationOfficeCode = officeCodeByKey.get(row.education_office_key);
      if (!location || !educationOfficeCode) throw new Error(`seoul_gu.csv: incomplete row for ${row.gu_code}`);
      return {
        code: row.gu_code,
        nameKo: row.gu_name_ko,
        nameEn: row.gu_name_en,
        educationOfficeCode,
        areaKm2: Number(row.area_km2),
        ...location,
      };
    })
    .sort((a, b) => compareText(a.code, b.code));
}

/** The expected dong count per district as of April 2021 (a cross-check for tests). */
export function loadDongCounts2021(): Map<string, number> {
  const rows = readDataCsv('seoul_gu.csv', ['gu_code', 'dong_count_2021_04'] as const);
  return new Map(rows.map((row) => [row.gu_code, Number(row.dong_count_2021_04)]));
}

export function loadFields(): LifelongEducationFieldRow[] {
  return readDataCsv('lifelong_education_program_classification.csv', [
    'code',
    'parent_code',
    'name_ko',
    'name_en',
    'examples_ko',
  ] as const).map((row) => ({
    code: row.code,
    parentCode: textOrNull(row.parent_code),
    nameKo: row.name_ko,
    nameEn: row.name_en,
    examplesKo: row.examples_ko
      .split(',')
      .map((example) => example.trim())
      .filter(Boolean),
  }));
}

/**
 * Our romanisations of dongs created after April 2021 (constructed, not
 * official; the change list has no English names).
 */
const CONSTRUCTED_DONG_NAMES_EN: Record<string, string> = {
  '1174052600': 'Sangil 2-dong',
  '1174052500': 'Sangil 1-dong',
  '1168067500': 'Gaepo 3-dong',
};

export interface DongMap {
  dongs: DongRow[];
  /** The current dong code for a point found inside a 2021 polygon. */
  currentCode: (polygonCode: string, point: GeoPoint) => string;
}

/**
 * Applies the changes that have codes: a rename swaps the code and name; a
 * split adds the new dong, which shares the old polygon, so a point in it goes
 * to whichever part's reference point is nearer. Changes without codes (the
 * 2023 boundary adjustment, the 2025 용신동 split) leave the 2021 dongs as they are.
 */
export function loadDongs(): DongMap {
  const dongs = readDataCsv('seoul_dong_2021.csv', [
    'adm_cd2',
    'gu_code',
    'dong_name_ko',
    'dong_name_en',
    'inner_point_lat',
    'inner_point_lng',
    'area_km2',
  ] as const).map((row): DongRow => {
    const location = pointOrNull(row.inner_point_lat, row.inner_point_lng);
    if (!location) throw new Error(`seoul_dong_2021.csv: no inner point for ${row.adm_cd2}`);
    return {
      code: row.adm_cd2,
      nameKo: row.dong_name_ko,
      nameEn: row.dong_name_en,
      districtCode: row.gu_code,
      areaKm2: numberOrNull(row.area_km2),
      ...location,
    };
  });
  const byCode = new Map(dongs.map((dong) => [dong.code, dong]));
  const renamedTo = new Map<string, string>();
  const splitInto = new Map<string, DongRow[]>();

  const changes = readDataCsv('seoul_dong_changes_since_2021_04.csv', [
    'gu_code',
    'change_type',
    'old_adm_cd2',
    'new_adm_cd2',
    'new_name_ko',
    'approx_lat',
    'approx_lng',
  ] as const);
  for (const change of changes) {
    const newCode = change.new_adm_cd2.trim();
    if (!/^\d{10}$/.test(newCode)) continue;
    const old = byCode.get(change.old_adm_cd2);
    if (!old) throw new Error(`dong change refers to unknown dong ${change.old_adm_cd2}`);
    const nameEn = CONSTRUCTED_DONG_NAMES_EN[newCode] ?? old.nameEn;
    if (change.change_type === 'rename') {
      Object.assign(old, { code: newCode, nameKo: change.new_name_ko, nameEn });
      renamedTo.set(change.old_adm_cd2, newCode);
    } else if (change.change_type === 'split') {
      const location = pointOrNull(change.approx_lat, change.approx_lng);
      if (!location) throw new Error(`dong split ${newCode} has no approximate point`);
      const added: DongRow = {
        code: newCode,
        nameKo: change.new_name_ko,
        nameEn,
        districtCode: change.gu_code,
        areaKm2: null,
        ...location,
      };
      old.areaKm2 = null; // the 2021 area now covers both parts
      dongs.push(added);
      splitInto.set(old.code, [old, added]);
    }
  }

  return {
    dongs: dongs.sort((a, b) => compareText(a.code, b.code)),
    currentCode(polygonCode, point) {
      const parts = splitInto.get(polygonCode);
      if (parts) return parts.reduce((a, b) => (distanceMeters(point, b) < distanceMeters(point, a) ? b : a)).code;
      return renamedTo.get(polygonCode) ?? polygonCode;
    },
  };
}
