/**
 * Counseling sessions (학습상담) recorded by the experts who counsel learners: a few each in 2025, at a center of
 * their district. No personal data: a learner is a center's opaque code, and some learners come back.
 */
import { dayOf, isoDate, kstDateTime } from '../dates';
import { sequenceId } from '../ids';
import type { CounselingSessionRow, CounselingTopic, ExpertRow, LearningCenterRow } from '../network.types';
import { weightedPicker, type Random } from '../random';

const pickTopic = weightedPicker<CounselingTopic>([
  ['COURSE_CHOICE', 5],
  ['MOTIVATION', 4],
  ['DIGITAL_SKILLS', 3],
  ['CAREER', 2],
  ['COMMUNITY', 2],
  ['OTHER', 1],
]);
const FIRST_DAY = dayOf('2025-01-02');
const LAST_DAY = dayOf('2025-12-30');
const OFFICE_HOURS: [number, number] = [10 * 3600, 18 * 3600];

export function generateCounselingSessions(
  experts: readonly ExpertRow[],
  centers: readonly LearningCenterRow[],
  random: Random,
): CounselingSessionRow[] {
  const rows: CounselingSessionRow[] = [];
  for (const expert of experts.filter((row) => row.duties.includes('LEARNER_COUNSELING'))) {
    const districtCenters = centers.filter((center) => center.districtCode === expert.districtCode);
    if (districtCenters.length === 0) continue;
    const learners = random.int(2, 5); // fewer learners than sessions: some come back
    for (let n = random.int(2, 6); n > 0; n--) {
      const centerId = expert.centerId ?? random.pick(districtCenters).id;
      const day = random.int(FIRST_DAY, LAST_DAY);
      rows.push({
        id: sequenceId('CO', rows.length + 1, 5),
        heldOn: isoDate(day),
        topic: pickTopic(random),
        centerId,
        districtCode: expert.districtCode,
        learnerRef: `${centerId}-L${random.int(1, learners)}`,
        expertId: expert.id,
        recordedAt: kstDateTime(day, random.int(...OFFICE_HOURS)),
      });
    }
  }
  return rows;
}
