/**
 * What a program or learning community is about: a lifelong-education field,
 * a track that fits it, and a topic drawn from the field's examples.
 */
import type { LifelongEducationFieldRow, ProgramTrack } from '../network.types';
import { weightedPicker, type Random } from '../random';
import { EXTRA_TOPICS, TOPICS_EN } from './vocabulary';

export interface Subject {
  fieldCode: string;
  track: ProgramTrack;
  topic: string;
  topicEn: string;
}

/** The English of a topic stem; a stem without one is a gap in TOPICS_EN, caught when the picker is built. */
function topicEn(topic: string): string {
  const english = TOPICS_EN[topic];
  if (!english) throw new Error(`no English for the topic ${topic} in TOPICS_EN`);
  return english;
}

/** How common each area is in a district catalogue: arts and humanities lead. */
const AREA_WEIGHTS: Record<string, number> = { '1': 5, '2': 5, '3': 15, '4': 30, '5': 25, '6': 15, '7': 5 };

/** Vocational areas mostly build vocational capacity, civic ones mostly solve local problems. */
const TRACKS_BY_AREA: Record<string, readonly (readonly [ProgramTrack, number])[]> = {
  '3': [
    ['VOCATIONAL_CAPACITY', 90],
    ['LIFE_CULTURE', 10],
  ],
  '6': [
    ['LOCAL_PROBLEM_SOLVING', 80],
    ['LIFE_CULTURE', 20],
  ],
  '7': [
    ['VOCATIONAL_CAPACITY', 80],
    ['LIFE_CULTURE', 20],
  ],
};
const DEFAULT_TRACKS: readonly (readonly [ProgramTrack, number])[] = [
  ['LIFE_CULTURE', 88],
  ['LOCAL_PROBLEM_SOLVING', 7],
  ['VOCATIONAL_CAPACITY', 5],
];

/** "노래교실" → "노래", so titles can add their own "교실" or "입문". */
function topicStem(example: string): string {
  const topic = example.replace(/\([^)]*\)/g, '').trim();
  const stem = topic.replace(/\s*(교실|강좌|교육|과정|프로그램|연수|관련)$/, '');
  return stem.length >= 2 ? stem : topic;
}

interface FieldChoice {
  code: string;
  area: string;
  topics: string[];
}

/** The fields programs are filed under: sub-areas, and areas that have none (area 7). */
function programFields(fields: readonly LifelongEducationFieldRow[]): FieldChoice[] {
  const parents = new Set(fields.map((field) => field.parentCode).filter((code): code is string => code !== null));
  return fields
    .filter((field) => !parents.has(field.code))
    .map((field) => {
      const topics = [...(field.examplesKo ?? []), ...(EXTRA_TOPICS[field.code] ?? [])].map(topicStem);
      return { code: field.code, area: field.parentCode ?? field.code, topics: [...new Set(topics)] };
    })
    .filter((field) => field.topics.length > 0);
}

export function subjectPicker(fields: readonly LifelongEducationFieldRow[]): (random: Random) => Subject {
  const choices = programFields(fields);
  choices.forEach((choice) => choice.topics.forEach(topicEn));
  const fieldsPerArea = new Map<string, number>();
  for (const { area } of choices) fieldsPerArea.set(area, (fieldsPerArea.get(area) ?? 0) + 1);
  const pickField = weightedPicker(
    choices.map(
      (choice) => [choice, (AREA_WEIGHTS[choice.area] ?? 5) / (fieldsPerArea.get(choice.area) ?? 1)] as const,
    ),
  );
  const trackPickers = new Map(
    choices.map((choice) => [choice.code, weightedPicker(TRACKS_BY_AREA[choice.area] ?? DEFAULT_TRACKS)]),
  );
  return (random) => {
    const field = pickField(random);
    const pickTrack = trackPickers.get(field.code) as (random: Random) => ProgramTrack;
    const track = pickTrack(random); // drawn before the topic, as always: programs stay the same
    const topic = random.pick(field.topics);
    return { fieldCode: field.code, track, topic, topicEn: topicEn(topic) };
  };
}
