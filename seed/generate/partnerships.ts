/**
 * Partnerships between each center and institutions of its district. The
 * institution hosting a center's venue is always a partner (venue sharing);
 * the rest are picked near the center.
 */
import { dayOf, isoDate, kstDateTime } from '../dates';
import { byDistanceFrom } from '../geo';
import { sequenceId } from '../ids';
import type {
  CivilProviderRow,
  EntityRef,
  ExpertRow,
  GeoPoint,
  InstitutionTypename,
  LearningCenterRow,
  PartnershipKind,
  PartnershipRow,
  SpaceRow,
  VenueTypename,
} from '../network.types';
import { weightedPicker, type Random } from '../random';
import type { RealData } from '../real';

export type PartnerTypename = Exclude<InstitutionTypename, 'LearningCenter'>;

const VENUE_OWNER_TYPES: Record<VenueTypename, InstitutionTypename> = {
  SchoolSpace: 'School',
  LibrarySpace: 'Library',
  CulturalSpace: 'CulturalCenter',
  CenterSpace: 'LearningCenter',
};

const PARTNER_TYPE_WEIGHTS: readonly (readonly [PartnerTypename, number])[] = [
  ['School', 30],
  ['Library', 30],
  ['CulturalCenter', 15],
  ['CivilProvider', 25],
];

/** Civil providers have no rooms, so they never share a venue. */
const KIND_PICKERS: Record<PartnerTypename, (random: Random) => PartnershipKind> = {
  School: weightedPicker([
    ['VENUE_SHARING', 40],
    ['CO_HOSTING', 25],
    ['RESOURCE_SHARING', 20],
    ['INSTRUCTOR_EXCHANGE', 15],
  ]),
  Library: weightedPicker([
    ['CO_HOSTING', 35],
    ['RESOURCE_SHARING', 30],
    ['VENUE_SHARING', 25],
    ['INSTRUCTOR_EXCHANGE', 10],
  ]),
  CulturalCenter: weightedPicker([
    ['CO_HOSTING', 35],
    ['VENUE_SHARING', 30],
    ['INSTRUCTOR_EXCHANGE', 20],
    ['RESOURCE_SHARING', 15],
  ]),
  CivilProvider: weightedPicker([
    ['CO_HOSTING', 45],
    ['INSTRUCTOR_EXCHANGE', 40],
    ['RESOURCE_SHARING', 15],
  ]),
};

const FIRST_PARTNERSHIP = dayOf('2019-01-01');
const LAST_PARTNERSHIP = dayOf('2026-06-30');
const ACTIVE_SHARE = 0.9;
/** Partners are drawn from the few institutions closest to the center. */
const NEARBY_CHOICES = 5;

interface Candidate {
  id: string;
  point: GeoPoint | null;
}

/** Each district's candidate partners by type. */
function candidatesByDistrict(real: RealData, civilProviders: readonly CivilProviderRow[]) {
  const byDistrict = new Map<string, Record<PartnerTypename, Candidate[]>>(
    real.districts.map((district) => [
      district.code,
      { School: [], Library: [], CulturalCenter: [], CivilProvider: [] },
    ]),
  );
  const add = (typename: PartnerTypename, districtCode: string, candidate: Candidate): void => {
    byDistrict.get(districtCode)?.[typename].push(candidate);
  };
  for (const school of real.schools) add('School', school.districtCode, { id: school.id, point: school });
  for (const library of real.libraries) add('Library', library.districtCode, { id: library.id, point: library });
  for (const center of real.culturalCenters)
    add('CulturalCenter', center.districtCode, { id: center.id, point: center });
  for (const provider of civilProviders) {
    for (const code of provider.districtCodes) add('CivilProvider', code, { id: provider.id, point: null });
  }
  return byDistrict;
}

function pickNearby(candidates: readonly Candidate[], center: GeoPoint, random: Random): Candidate {
  if (candidates.every((candidate) => candidate.point === null)) return random.pick(candidates);
  const located = candidates.map((candidate) => ({ ...(candidate.point as GeoPoint), candidate }));
  return random.pick(byDistanceFrom(located, center).slice(0, NEARBY_CHOICES)).candidate;
}

export function generatePartnerships(
  real: RealData,
  centers: readonly LearningCenterRow[],
  civilProviders: readonly CivilProviderRow[],
  spacesById: ReadonlyMap<string, SpaceRow>,
  random: Random,
): PartnershipRow[] {
  const byDistrict = candidatesByDistrict(real, civilProviders);
  const partnerships: PartnershipRow[] = [];
  for (const center of centers) {
    const pools = byDistrict.get(center.districtCode);
    if (!pools) throw new Error(`center ${center.id} lies in unknown district ${center.districtCode}`);
    const firstDay = Math.max(dayOf(center.openedOn), FIRST_PARTNERSHIP);
    const partnerIds = new Set<string>();
    const add = (partner: EntityRef<PartnerTypename>, kind: PartnershipKind, active: boolean): void => {
      partnerIds.add(partner.id);
      partnerships.push({
        id: sequenceId('PS', partnerships.length + 1, 5),
        centerId: center.id,
        partner,
        kind,
        since: isoDate(random.int(firstDay, LAST_PARTNERSHIP)),
        active,
        status: active ? 'ACTIVE' : 'ENDED',
      });
    };

    const wanted = random.int(1, 4);
    const venueOwnerType = center.venue && VENUE_OWNER_TYPES[center.venue.typename];
    const venueOwnerId = center.venue && spacesById.get(center.venue.id)?.ownerId;
    if (venueOwnerType && venueOwnerType !== 'LearningCenter' && venueOwnerId) {
      add({ typename: venueOwnerType, id: venueOwnerId }, 'VENUE_SHARING', true);
    }
    while (partnerIds.size < wanted) {
      const open = PARTNER_TYPE_WEIGHTS.map(([typename, weight]) => {
        const candidates = pools[typename].filter((candidate) => !partnerIds.has(candidate.id));
        return { typename, weight, candidates };
      }).filter(({ candidates }) => candidates.length > 0);
      if (open.length === 0) break;
      const { typename, candidates } = weightedPicker(open.map((entry) => [entry, entry.weight] as const))(random);
      const partner = pickNearby(candidates, center, random);
      add({ typename, id: partner.id }, KIND_PICKERS[typename](random), random.chance(ACTIVE_SHARE));
    }
  }
  return partnerships;
}

const PROPOSAL_NOTES = [
  '방과후 교실을 주민 저녁 강좌에 함께 쓰면 동 센터의 공간 부족이 풀립니다.',
  '도서관 독서 동아리와 함께 인문학 강좌를 열자는 주민 요청이 많습니다.',
  '학교 시설을 주말 가족 강좌에 쓰자는 제안입니다.',
  '강사 교류로 디지털 역량 강좌를 늘릴 수 있습니다.',
];
const DECLINE_REASONS = [
  '올해 시설 보수 공사로 공간을 내줄 수 없습니다.',
  '협력 내용을 다시 정리해 제안해 주십시오.',
  null,
];
const FIRST_PROPOSAL = dayOf('2026-01-05');
const LAST_PROPOSAL = dayOf('2026-06-30');
const OFFICE_HOURS: [number, number] = [9 * 3600, 18 * 3600];

/**
 * What the lifecycle adds to the generated partnerships, numbered after them: proposals of a district's experts
 * (some declined, the rest awaiting a decision) with schools and libraries of the district a center has no partnership
 * with, and agreed partnerships of a few centers with their district's office of education and with the city's.
 * Programs are planned before these: a proposal is no partner yet, and an office hosts no programs.
 */
export function generateProposalsAndOfficePartnerships(
  real: RealData,
  centers: readonly LearningCenterRow[],
  experts: readonly ExpertRow[],
  partnerships: readonly PartnershipRow[],
  random: Random,
): PartnershipRow[] {
  const rows: PartnershipRow[] = [];
  const nextId = () => sequenceId('PS', partnerships.length + rows.length + 1, 5);
  const partnered = new Set(partnerships.map((row) => `${row.centerId}:${row.partner.id}`));
  const cityOffice = real.educationOffices.find((office) => office.districtCodes.length === 0);
  for (const district of real.districts) {
    const districtCenters = centers.filter((center) => center.districtCode === district.code);
    const districtExperts = experts.filter((expert) => expert.districtCode === district.code);
    if (districtCenters.length === 0 || districtExperts.length === 0) continue;
    const candidates: EntityRef<'School' | 'Library'>[] = [
      ...real.schools
        .filter((school) => school.districtCode === district.code)
        .map(({ id }) => ({ typename: 'School' as const, id })),
      ...real.libraries
        .filter((library) => library.districtCode === district.code)
        .map(({ id }) => ({ typename: 'Library' as const, id })),
    ];
    for (let n = random.int(1, 2); n > 0; n--) {
      const center = random.pick(districtCenters);
      const open = candidates.filter((partner) => !partnered.has(`${center.id}:${partner.id}`));
      if (open.length === 0) continue;
      const partner = random.pick(open);
      partnered.add(`${center.id}:${partner.id}`);
      const proposedOn = random.int(FIRST_PROPOSAL, LAST_PROPOSAL);
      const declined = random.chance(0.4);
      rows.push({
        id: nextId(),
        centerId: center.id,
        partner,
        kind: KIND_PICKERS[partner.typename](random),
        since: isoDate(proposedOn),
        active: false,
        status: declined ? 'DECLINED' : 'PROPOSED',
        proposal: {
          expertId: random.pick(districtExperts).id,
          proposedAt: kstDateTime(proposedOn, random.int(...OFFICE_HOURS)),
          note: random.pick(PROPOSAL_NOTES),
        },
        decision: declined
          ? {
              decidedAt: kstDateTime(proposedOn + random.int(3, 20), random.int(...OFFICE_HOURS)),
              declineReason: random.pick(DECLINE_REASONS),
            }
          : undefined,
      });
    }
    const offices = [
      ...(random.chance(0.5) ? [district.educationOfficeCode] : []),
      ...(cityOffice && random.chance(0.1) ? [cityOffice.code] : []),
    ];
    for (const officeCode of offices) {
      const center = random.pick(districtCenters);
      if (partnered.has(`${center.id}:${officeCode}`)) continue;
      partnered.add(`${center.id}:${officeCode}`);
      rows.push({
        id: nextId(),
        centerId: center.id,
        partner: { typename: 'EducationOffice', id: officeCode },
        kind: random.chance(0.5) ? 'RESOURCE_SHARING' : 'INSTRUCTOR_EXCHANGE',
        since: isoDate(random.int(Math.max(dayOf(center.openedOn), FIRST_PARTNERSHIP), LAST_PARTNERSHIP)),
        active: true,
        status: 'ACTIVE',
      });
    }
  }
  return rows;
}
