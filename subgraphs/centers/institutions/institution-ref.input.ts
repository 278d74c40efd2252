import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { InstitutionType } from './institution-type';
import type { VenueTypename } from '../../../lib/typenames';

/** Venue kinds for inputs. */
export enum VenueType {
  SCHOOL_SPACE = 'SCHOOL_SPACE',
  LIBRARY_SPACE = 'LIBRARY_SPACE',
  CULTURAL_SPACE = 'CULTURAL_SPACE',
  CENTER_SPACE = 'CENTER_SPACE',
}
registerEnumType(VenueType, { name: 'VenueType', description: 'A kind of room that programs can take place in.' });

export const VENUE_TYPENAME_OF: Record<VenueType, VenueTypename> = {
  [VenueType.SCHOOL_SPACE]: 'SchoolSpace',
  [VenueType.LIBRARY_SPACE]: 'LibrarySpace',
  [VenueType.CULTURAL_SPACE]: 'CulturalSpace',
  [VenueType.CENTER_SPACE]: 'CenterSpace',
};

@InputType({ description: 'An institution of the network, by kind and id.' })
export class InstitutionRefInput {
  @Field(() => InstitutionType) type!: InstitutionType;
  @Field(() => ID) id!: string;
}

@InputType({ description: 'A room, by kind and id.' })
export class VenueRefInput {
  @Field(() => VenueType) type!: VenueType;
  @Field(() => ID) id!: string;
}
