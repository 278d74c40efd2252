/**
 * Which subgraph owns each federation entity, listed once (the design's table, README "Architecture"): the
 * partial-answer rule checks the supergraph against it, and a subgraph asks the owner for another's entities.
 */
import type { SubgraphName } from './config';

export const ENTITY_OWNERS = {
  District: 'centers',
  Dong: 'centers',
  LearningCenter: 'centers',
  CenterSpace: 'centers',
  LifelongLearningExpert: 'centers',
  LearningCommunity: 'centers',
  LifelongEducationField: 'centers',
  Program: 'centers',
  Partnership: 'centers',
  Enrollment: 'centers',
  EducationOffice: 'schools',
  School: 'schools',
  SchoolSpace: 'schools',
  Library: 'libraries',
  LibrarySpace: 'libraries',
  CulturalCenter: 'cultural-centers',
  CulturalSpace: 'cultural-centers',
  CivilProvider: 'civil-providers',
} as const satisfies Record<string, SubgraphName>;

export type OwnedTypename = keyof typeof ENTITY_OWNERS;

/** The owner of `typename`; undefined for a type that is no entity (or one without an owner, itself a violation). */
export function ownerOf(typename: string): SubgraphName | undefined {
  return (ENTITY_OWNERS as Record<string, SubgraphName>)[typename];
}
