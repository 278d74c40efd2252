/** Titles and one-sentence descriptions of generated programs, varied by pattern, audience and season. */
import type { ProgramTrack } from '../network.types';
import type { Random } from '../random';
import { withObjectParticle } from './korean';
import { AUDIENCES, AUDIENCES_EN } from './vocabulary';

export interface ProgramTextInput {
  topic: string;
  topicEn: string;
  track: ProgramTrack;
  dongName: string;
  dongNameEn: string;
  centerName: string;
  sessionCount: number;
  startMonth: number;
}

interface Words extends ProgramTextInput {
  audience: string;
  audienceEn: string;
  season: string;
  seasonEn: string;
}

/** Each title pattern in Korean and English, picked together so the two always say the same. */
const TITLES: readonly (readonly [(words: Words) => string, (words: Words) => string])[] = [
  [({ topic }) => `${topic} 교실`, ({ topicEn }) => `${topicEn} Class`],
  [({ topic }) => `${topic} 입문`, ({ topicEn }) => `Introduction to ${topicEn}`],
  [({ topic }) => `${topic} 기초반`, ({ topicEn }) => `${topicEn} for Starters`],
  [({ topic }) => `${topic} 심화반`, ({ topicEn }) => `Advanced ${topicEn}`],
  [({ topic }) => `${topic} 실전반`, ({ topicEn }) => `${topicEn} in Practice`],
  [({ topic }) => `${topic} 워크숍`, ({ topicEn }) => `${topicEn} Workshop`],
  [({ topic }) => `함께 배우는 ${topic}`, ({ topicEn }) => `Learning ${topicEn} Together`],
  [({ topic }) => `처음 만나는 ${topic}`, ({ topicEn }) => `First Steps in ${topicEn}`],
  [({ topic }) => `우리 동네 ${topic}`, ({ topicEn }) => `${topicEn} in Our Neighbourhood`],
  [({ topic, audience }) => `${audience} ${topic}`, ({ topicEn, audienceEn }) => `${topicEn} ${audienceEn}`],
  [({ topic, audience }) => `${audience} ${topic} 교실`, ({ topicEn, audienceEn }) => `${topicEn} Class ${audienceEn}`],
  [({ topic, dongName }) => `${dongName} ${topic} 교실`, ({ topicEn, dongNameEn }) => `${dongNameEn} ${topicEn} Class`],
  [({ topic, season }) => `${season} ${topic} 특강`, ({ topicEn, seasonEn }) => `${seasonEn} ${topicEn} Special`],
];

const TRACK_LABELS: Record<ProgramTrack, string> = {
  LIFE_CULTURE: '생활문화',
  VOCATIONAL_CAPACITY: '직업역량',
  LOCAL_PROBLEM_SOLVING: '지역문제 해결',
};

const DESCRIPTIONS: readonly ((words: Words) => string)[] = [
  ({ topic, centerName, sessionCount }) =>
    `${centerName}에서 모두 ${sessionCount}회 동안 ${withObjectParticle(topic)} 배우는 과정입니다.`,
  ({ topic, track }) => `${topic}의 기초부터 차근차근 익히는 ${TRACK_LABELS[track]} 프로그램입니다.`,
  ({ topic, dongName }) => `${dongName} 주민이라면 누구나 참여할 수 있는 ${topic} 수업입니다.`,
  ({ topic, sessionCount }) =>
    `매주 한 번, ${sessionCount}회에 걸쳐 이웃과 함께 ${withObjectParticle(topic)} 배웁니다.`,
  ({ topic, track }) =>
    track === 'LOCAL_PROBLEM_SOLVING'
      ? `${withObjectParticle(topic)} 주제로 우리 동네의 문제를 함께 풀어 봅니다.`
      : `${withObjectParticle(topic)} 생활 속에서 바로 써먹을 수 있도록 실습 중심으로 배웁니다.`,
];

/** The series descriptions count sessions, which reads oddly for a one-off. */
const ONE_DAY_DESCRIPTION = ({ topic, centerName }: Words): string =>
  `${centerName}에서 ${withObjectParticle(topic)} 하루 동안 맛보는 특강입니다.`;

function seasonOf(month: number): readonly [string, string] {
  if (month >= 3 && month <= 5) return ['봄', 'Spring'];
  if (month >= 6 && month <= 8) return ['여름', 'Summer'];
  if (month >= 9 && month <= 11) return ['가을', 'Autumn'];
  return ['겨울', 'Winter'];
}

/** The English title costs no extra draw, so adding it left every generated program as it was. */
export function programText(
  input: ProgramTextInput,
  random: Random,
): { title: string; titleEn: string; description: string } {
  const audience = random.pick(AUDIENCES);
  const [season, seasonEn] = seasonOf(input.startMonth);
  const words: Words = { ...input, audience, audienceEn: AUDIENCES_EN[audience], season, seasonEn };
  const describe = input.sessionCount > 1 ? random.pick(DESCRIPTIONS) : ONE_DAY_DESCRIPTION;
  const [korean, english] = random.pick(TITLES);
  return { title: korean(words), titleEn: english(words), description: describe(words) };
}
