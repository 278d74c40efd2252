/** Learning communities (학습공동체/동아리) that grew around the centers. */
import { sequenceId } from '../ids';
import type { DongRow, LearningCenterRow, LearningCommunityRow } from '../network.types';
import type { Random } from '../random';
import type { Subject } from './subjects';
import { COMMUNITY_SUFFIXES, ORGANISATION_WORDS } from './vocabulary';

export function generateCommunities(
  centers: readonly LearningCenterRow[],
  dongsByCode: ReadonlyMap<string, DongRow>,
  pickSubject: (random: Random) => Subject,
  random: Random,
): LearningCommunityRow[] {
  const communities: LearningCommunityRow[] = [];
  for (const center of centers) {
    const dongName = dongsByCode.get(center.dongCode)?.nameKo ?? '';
    for (let i = random.int(0, 3); i > 0; i--) {
      const { topic, track } = pickSubject(random);
      const suffix = random.pick(COMMUNITY_SUFFIXES);
      const name = random.chance(0.5)
        ? `${dongName} ${topic} ${suffix}`
        : `${random.pick(ORGANISATION_WORDS)} ${topic} ${suffix}`;
      communities.push({
        id: sequenceId('LCM', communities.length + 1, 5),
        name,
        centerId: center.id,
        memberCount: random.int(5, 40),
        track,
      });
    }
  }
  return communities;
}
