/**
 * The cooperation model's agreements and requests. Real: all 25 districts joined the city's cooperation model;
 * generated: the day each joined (between autumn 2018 and spring 2019, before the 2019 start of the experts) and a
 * few requests for support in every state, the granted ones linked to the support the city recorded.
 */
import { dayOf, isoDate, kstDateTime } from '../dates';
import { sequenceId } from '../ids';
import type {
  CitySupportKind,
  CitySupportRow,
  CooperationAgreementRow,
  DistrictRow,
  SupportRequestRow,
} from '../network.types';
import type { Random } from '../random';

const FIRST_JOIN_DAY = dayOf('2018-09-03');
const LAST_JOIN_DAY = dayOf('2019-04-30');
/** The year of the pending requests: the districts ask ahead for next year's help. */
const NEXT_YEAR = 2027;
const NOTES: Record<CitySupportKind, string> = {
  EXPERT_STAFFING: '동 평생학습 전문가 추가 배치 요청',
  FINANCIAL: '동네배움터 운영비 지원 요청',
  CONSULTING: '동네배움터 운영 맞춤형 컨설팅 요청',
};
const DECLINE_REASON = '올해 예산이 모두 배정되어 내년에 다시 신청해 주십시오.';

export interface Cooperation {
  cooperationAgreements: CooperationAgreementRow[];
  supportRequests: SupportRequestRow[];
}

export function generateCooperation(
  districts: readonly DistrictRow[],
  citySupport: readonly CitySupportRow[],
  random: Random,
): Cooperation {
  const cooperationAgreements = districts.map((district) => {
    const day = random.int(FIRST_JOIN_DAY, LAST_JOIN_DAY);
    return {
      districtCode: district.code,
      since: isoDate(day),
      status: 'ACTIVE' as const,
      note: null,
      updatedAt: kstDateTime(day, 10 * 3600),
    };
  });

  const supportRequests: SupportRequestRow[] = [];
  const add = (row: Omit<SupportRequestRow, 'id' | 'note'>) =>
    supportRequests.push({ id: sequenceId('SR', supportRequests.length + 1, 4), note: NOTES[row.kind], ...row });
  const asked = (year: number) => kstDateTime(dayOf(`${year - 1}-09-01`) + random.int(0, 40), 10 * 3600);
  const decided = (requestedAt: string) => kstDateTime(dayOf(requestedAt.slice(0, 10)) + random.int(7, 30), 15 * 3600);
  const financial = citySupport.filter((support) => support.kind === 'FINANCIAL' && support.year === 2026);
  for (const [i, district] of random.sample(districts, 12).entries()) {
    const requestedAt = asked(i < 4 ? 2026 : NEXT_YEAR);
    const common = { districtCode: district.code, year: 2026, requestedAt, declineReason: null, citySupportId: null };
    if (i < 4) {
      // Granted: the district's 2026 operating funds came from its request.
      const support = financial.find((row) => row.districtCode === district.code)!;
      add({
        ...common,
        kind: 'FINANCIAL',
        status: 'GRANTED',
        decidedAt: decided(requestedAt),
        citySupportId: support.id,
      });
    } else if (i < 6) {
      add({
        ...common,
        kind: 'EXPERT_STAFFING',
        year: NEXT_YEAR,
        status: 'DECLINED',
        decidedAt: decided(requestedAt),
        declineReason: DECLINE_REASON,
      });
    } else if (i < 7) {
      add({ ...common, kind: 'CONSULTING', year: NEXT_YEAR, status: 'WITHDRAWN', decidedAt: decided(requestedAt) });
    } else {
      const kind: CitySupportKind = i % 2 === 0 ? 'CONSULTING' : 'FINANCIAL';
      add({ ...common, kind, year: NEXT_YEAR, status: 'REQUESTED', decidedAt: null });
    }
  }
  return { cooperationAgreements, supportRequests };
}
