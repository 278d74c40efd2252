/**
 * Learning resources the districts' experts found (지역 학습자원 발굴): a few per district, spaces and institutions
 * (some of them institutions of the network: a library, a cultural center) and residents' skills, described by the
 * skill alone. No contact data, as the API requires.
 */
import { dayOf, kstDateTime } from '../dates';
import { sequenceId } from '../ids';
import type {
  DiscoveredResourceKind,
  DiscoveredResourceRow,
  DongRow,
  ExpertRow,
  InstitutionTypename,
  EntityRef,
} from '../network.types';
import { weightedPicker, type Random } from '../random';
import type { RealData } from '../real';

const SPACES: [string, string][] = [
  ['아파트 단지 작은도서관 세미나실', '평일 낮에 비어 있는 12석 세미나실: 소규모 강좌와 동아리 모임에 맞습니다.'],
  ['교회 교육관 강당', '주중 저녁에 쓸 수 있는 80석 강당: 강연형 프로그램에 맞습니다.'],
  ['시장 상인회 회의실', '오전에 비는 회의실: 상인 대상 디지털 교육에 쓸 수 있습니다.'],
  ['주민센터 옥상 텃밭', '도시농업 실습 공간: 봄·가을 생태 강좌에 맞습니다.'],
];
const SKILLS: [string, string][] = [
  ['한지 공예', '한지 공예 30년 경력의 주민: 공예 강좌를 직접 가르칠 수 있습니다.'],
  ['스마트폰 활용', '퇴직한 정보통신 기술자: 어르신 스마트폰 교육을 맡을 수 있습니다.'],
  ['전통 장 담그기', '장 담그기를 오래 해 온 주민: 계절 요리 강좌에 맞습니다.'],
  ['목공', '가구 공방을 하던 주민: 생활 목공 입문 강좌를 열 수 있습니다.'],
  ['우쿨렐레 연주', '동호회를 이끈 주민: 초급 악기 강좌를 가르칠 수 있습니다.'],
];
const INSTITUTION_NOTES = ['협력 의사를 확인함', '다음 분기 공동 강좌를 논의하기로 함', null];
const pickKind = weightedPicker<DiscoveredResourceKind>([
  ['SPACE', 3],
  ['INSTITUTION', 3],
  ['PERSON_SKILL', 4],
]);
const FIRST_DAY = dayOf('2025-03-02');
const LAST_DAY = dayOf('2026-06-30');
const OFFICE_HOURS: [number, number] = [9 * 3600, 18 * 3600];

type Site = { id: string; name: string; districtCode: string; dongCode: string | null };

export function generateDiscoveredResources(
  real: RealData,
  experts: readonly ExpertRow[],
  random: Random,
): DiscoveredResourceRow[] {
  const rows: DiscoveredResourceRow[] = [];
  const dongsOf = (code: string): DongRow[] => real.dongs.filter((dong) => dong.districtCode === code);
  const institutionsOf = (code: string): (Site & { typename: InstitutionTypename })[] => [
    ...real.libraries
      .filter((row: Site) => row.districtCode === code)
      .map((row) => ({ ...row, typename: 'Library' as const })),
    ...real.culturalCenters
      .filter((row: Site) => row.districtCode === code)
      .map((row) => ({ ...row, typename: 'CulturalCenter' as const })),
  ];
  for (const district of real.districts) {
    const districtExperts = experts.filter((expert) => expert.districtCode === district.code);
    if (districtExperts.length === 0) continue;
    const dongs = dongsOf(district.code);
    const institutions = institutionsOf(district.code);
    for (let n = random.int(2, 4); n > 0; n--) {
      const kind = pickKind(random);
      const base = { districtCode: district.code, expertId: random.pick(districtExperts).id };
      const recordedAt = kstDateTime(random.int(FIRST_DAY, LAST_DAY), random.int(...OFFICE_HOURS));
      let resource: Omit<DiscoveredResourceRow, 'id' | 'districtCode' | 'expertId' | 'recordedAt'>;
      if (kind === 'INSTITUTION' && institutions.length > 0) {
        const site = random.pick(institutions);
        const institution: EntityRef<InstitutionTypename> = { typename: site.typename, id: site.id };
        resource = {
          kind,
          name: site.name,
          description: '주민 강좌를 함께 열 수 있는 지역 기관입니다.',
          note: random.pick(INSTITUTION_NOTES),
          dongCode: site.dongCode,
          institution,
        };
      } else if (kind === 'PERSON_SKILL') {
        const [name, description] = random.pick(SKILLS);
        resource = { kind, name, description, note: null, dongCode: null, institution: null };
      } else {
        const [name, description] = random.pick(SPACES);
        const dongCode = dongs.length > 0 ? random.pick(dongs).code : null;
        resource = { kind: 'SPACE', name, description, note: null, dongCode, institution: null };
      }
      rows.push({ id: sequenceId('DR', rows.length + 1, 5), ...base, recordedAt, ...resource });
    }
  }
  return rows;
}
