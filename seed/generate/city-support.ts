/** The city's support to each district: expert staffing, money, and consulting in some years. */
import { sequenceId } from '../ids';
import type { CitySupportRow, DistrictRow, ExpertRow } from '../network.types';
import type { Random } from '../random';
import { CITY_CONSULTING_NOTES } from './vocabulary';

const SUPPORT_YEARS = [2024, 2025, 2026] as const;
const MILLION_KRW = 1_000_000;

export function generateCitySupport(
  districts: readonly DistrictRow[],
  experts: readonly ExpertRow[],
  random: Random,
): CitySupportRow[] {
  const rows: CitySupportRow[] = [];
  const add = (row: Omit<CitySupportRow, 'id'>): void => {
    rows.push({ id: sequenceId('CS', rows.length + 1, 4), ...row });
  };
  for (const district of districts) {
    const expertCount = experts.filter((expert) => expert.districtCode === district.code).length;
    for (const year of SUPPORT_YEARS) {
      // some districts pay their experts themselves; the city then only staffs
      const citySalaries = random.chance(0.7);
      add({
        districtCode: district.code,
        kind: 'EXPERT_STAFFING',
        year,
        amountKrw: citySalaries ? expertCount * random.int(34, 42) * MILLION_KRW : null,
        note: `동 평생학습 전문가 ${expertCount}명 배치${citySalaries ? ' (인건비 지원)' : ' (구 자체 인건비)'}`,
      });
      add({
        districtCode: district.code,
        kind: 'FINANCIAL',
        year,
        amountKrw: random.int(30, 150) * MILLION_KRW,
        note: '동네배움터 운영비 지원',
      });
      if (random.chance(0.5)) {
        add({
          districtCode: district.code,
          kind: 'CONSULTING',
          year,
          amountKrw: null,
          note: random.pick(CITY_CONSULTING_NOTES),
        });
      }
    }
  }
  return rows;
}
