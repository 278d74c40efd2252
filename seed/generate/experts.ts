/** Dong Lifelong Learning Experts: at least two per district, together covering every duty. */
import { sequenceId } from '../ids';
import type { DistrictRow, ExpertDuty, ExpertRow, LearningCenterRow } from '../network.types';
import { weightedPicker, type Random } from '../random';
import { FAMILY_NAMES, GIVEN_NAME_SYLLABLES } from './vocabulary';

export const EXPERT_DUTIES: readonly ExpertDuty[] = [
  'PROGRAM_DEVELOPMENT',
  'COMMUNITY_SUPPORT',
  'LEARNER_COUNSELING',
  'RESIDENT_COMMUNICATION',
  'RESOURCE_DISCOVERY',
];

const pickFamilyName = weightedPicker(FAMILY_NAMES);

export function personName(random: Random): string {
  const [first, second] = random.sample(GIVEN_NAME_SYLLABLES, 2);
  return pickFamilyName(random) + first + second;
}

function dutiesInOrder(duties: ReadonlySet<ExpertDuty>): ExpertDuty[] {
  return EXPERT_DUTIES.filter((duty) => duties.has(duty));
}

export function generateExperts(
  districts: readonly DistrictRow[],
  centers: readonly LearningCenterRow[],
  random: Random,
): ExpertRow[] {
  const experts: ExpertRow[] = [];
  for (const district of districts) {
    const districtCenters = centers.filter((center) => center.districtCode === district.code);
    const dutySets = Array.from(
      { length: random.int(2, 4) },
      () => new Set(random.sample(EXPERT_DUTIES, random.int(1, 3))),
    );
    // the district's team must cover all five duties, so hand uncovered ones out
    for (const duty of EXPERT_DUTIES) {
      if (!dutySets.some((duties) => duties.has(duty))) random.pick(dutySets).add(duty);
    }
    const assignedCenters = random.sample(districtCenters, dutySets.length);
    dutySets.forEach((duties, i) => {
      experts.push({
        id: sequenceId('EX', experts.length + 1, 4),
        name: personName(random),
        districtCode: district.code,
        // some experts work district-wide rather than from one center
        centerId: random.chance(0.8) ? (assignedCenters[i]?.id ?? null) : null,
        duties: dutiesInOrder(duties),
      });
    });
  }
  return experts;
}
