/** Titles and one-sentence descriptions of generated programs, varied by pattern, audience and season. */
import type { ProgramTrack } from '../network.types';
import type { Random } from '../random';
import { withObjectParticle } from './korean';
import { AUDIENCES } from './vocabulary';

export interface ProgramTextInput {
  topic: string; track: ProgramTrack; dongName: string; centerName: string; sessionCount: number; startMonth: number;
}

interface Words extends ProgramTextInput { audience: string; season: string }

const TITLES: readonly ((words: Words) => string)[] = [
  ({ topic }) => `${topic} 교실`,
  ({ topic }) => `${topic} 입문`,
  ({ topic }) => `${topic} 기초반`,
  ({ topic }) => `${topic} 심화반`,
  ({ topic }) => `${topic} 실전반`,
  ({ topic }) => `${topic} 워크숍`,
  ({ topic }) => `함께 배우는 ${topic}`,
  ({ topic }) => `처음 만나는 ${topic}`,
  ({ topic }) => `우리 동네 ${topic}`,
  ({ topic, audience }) => `${audience} ${topic}`,
  ({ topic, audience }) => `${audience} ${topic} 교실`,
  ({ topic, dongName }) => `${dongName} ${topic} 교실`,
  ({ topic, season }) => `${season} ${topic} 특강`,
];

const TRACK_LABELS: Record<ProgramTrack, string> = {
  LIFE_CULTURE: '생활문화',
  VOCATIONAL_CAPACITY: '직업역량',
  LOCAL_PROBLEM_SOLVING: '지역문제 해결',
};

const DESCRIPTIONS: readonly ((words: Words) => string)[] = [
  ({ topic, centerName, sessionCount }) => `${centerName}에서 모두 ${sessionCount}회 동안 ${withObjectParticle(topic)} 배우는 과정입니다.`,
  ({ topic, track }) => `${topic}의 기초부터 차근차근 익히는 ${TRACK_LABELS[track]} 프로그램입니다.`,
  ({ topic, dongName }) => `${dongName} 주민이라면 누구나 참여할 수 있는 ${topic} 수업입니다.`,
  ({ topic, sessionCount }) => `매주 한 번, ${sessionCount}회에 걸쳐 이웃과 함께 ${withObjectParticle(topic)} 배웁니다.`,
  ({ topic, track }) =>
    track === 'LOCAL_PROBLEM_SOLVING'
      ? `${withObjectParticle(topic)} 주제로 우리 동네의 문제를 함께 풀어 봅니다.`
      : `${withObjectParticle(topic)} 생활 속에서 바로 써먹을 수 있도록 실습 중심으로 배웁니다.`,
];

/** The series descriptions count sessions, which reads oddly for a one-off. */
const ONE_DAY_DESCRIPTION = ({ topic, centerName }: Words): string =>
  `${centerName}에서 ${withObjectParticle(topic)} 하루 동안 맛보는 특강입니다.`;

function seasonOf(month: number): string {
  if (month >= 3 && month <= 5) return '봄';
  if (month >= 6 && month <= 8) return '여름';
  if (month >= 9 && month <= 11) return '가을';
  return '겨울';
}

export function programText(input: ProgramTextInput, random: Random): { title: string; description: string } {
  const words: Words = { ...input, audience: random.pick(AUDIENCES), season: seasonOf(input.startMonth) };
  const describe = input.sessionCount > 1 ? random.pick(DESCRIPTIONS) : ONE_DAY_DESCRIPTION;
  return { title: random.pick(TITLES)(words), description: describe(words) };
}
