/**
 * The Institution and Venue unions. A host or venue is stored as (typename,
 * id): the two kinds centers owns (LearningCenter, CenterSpace) are loaded
 * here, the others are returned as key stubs for their owners to resolve.
 */
import type { EntityClass } from '@mikro-orm/core';
import { createUnionType, type ClassType } from 'type-graphql';
import type { RequestLoaders } from '../../../lib/subgraph/loaders';
import { CenterSpace } from '../places/center-space.entity';
import type { PartnerTypename, VenueTypename } from '../../../lib/typenames';
import {
  CivilProvider,
  CulturalCenter,
  EducationOffice,
  CulturalSpace,
  Library,
  LibrarySpace,
  School,
  SchoolSpace,
} from './institution.stub';
import { LearningCenter } from '../places/learning-center.entity';

const INSTITUTION_CLASSES = [LearningCenter, School, Library, CulturalCenter, CivilProvider, EducationOffice] as const;
const VENUE_CLASSES = [SchoolSpace, LibrarySpace, CulturalSpace, CenterSpace] as const;

/** The member class a resolved value is an instance of (stubs and entities alike). */
function memberOf(classes: readonly ClassType[]) {
  return (value: object) => classes.find((member) => value instanceof member);
}

export const Institution = createUnionType({
  name: 'Institution',
  description:
    'An institution of the network that can host programs or partner with a center (an office of education only partners).',
  types: () => INSTITUTION_CLASSES,
  resolveType: memberOf(INSTITUTION_CLASSES),
});

export const Venue = createUnionType({
  name: 'Venue',
  description: 'A room where programs take place.',
  types: () => VENUE_CLASSES,
  resolveType: memberOf(VENUE_CLASSES),
});

type Typename = PartnerTypename | VenueTypename;
type Member =
  | LearningCenter
  | CenterSpace
  | School
  | Library
  | CulturalCenter
  | CivilProvider
  | EducationOffice
  | SchoolSpace
  | LibrarySpace
  | CulturalSpace;

const OWNED: Partial<Record<Typename, EntityClass<LearningCenter | CenterSpace>>> = { LearningCenter, CenterSpace };
const STUBS: Partial<Record<Typename, ClassType<{ id: string }>>> = {
  School,
  Library,
  CulturalCenter,
  CivilProvider,
  SchoolSpace,
  LibrarySpace,
  CulturalSpace,
};

/** The union member for a stored (typename, id): our own row through the request's loader, or a stub. */
export async function memberByRef(loaders: RequestLoaders, typename: Typename, id: string): Promise<Member> {
  const owned = OWNED[typename];
  if (owned) {
    const row = await loaders.byId(owned).load(id);
    if (!row) throw new Error(`${typename} ${id} does not exist`);
    return row;
  }
  if (typename === 'EducationOffice') return Object.assign(new EducationOffice(), { code: id });
  const stub = STUBS[typename];
  if (!stub) throw new Error(`unknown typename ${typename}`);
  return Object.assign(new stub(), { id });
}

/** A nullable venue column pair as a union member. */
export function venueByRef(
  loaders: RequestLoaders,
  typename: VenueTypename | null,
  id: string | null,
): Promise<Member> | null {
  return typename && id ? memberByRef(loaders, typename, id) : null;
}
