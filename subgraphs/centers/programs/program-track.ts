import { registerEnumType } from 'type-graphql';

/** The three tracks of Seoul's lifelong-learning programs (programs and communities share them). */
export enum ProgramTrack {
  LIFE_CULTURE = 'LIFE_CULTURE',
  VOCATIONAL_CAPACITY = 'VOCATIONAL_CAPACITY',
  LOCAL_PROBLEM_SOLVING = 'LOCAL_PROBLEM_SOLVING',
}
registerEnumType(ProgramTrack, {
  name: 'ProgramTrack',
  description: 'Life culture, vocational capacity or local problem solving.',
});
