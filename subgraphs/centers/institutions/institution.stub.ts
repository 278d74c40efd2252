import { Directive, Field, ID, ObjectType } from 'type-graphql';

/*
 * Institutions and rooms owned by other subgraphs. Centers stores only their
 * typename and id; it contributes `programs` and `partnerships` to the four
 * institutions (`partnerships` only to an office of education, keyed by its code), and nothing to the rooms (so those keys are not resolvable here).
 * No descriptions: the owning subgraph's descriptions are the ones to show.
 */

@Directive('@key(fields: "id")')
@ObjectType()
export class School {
  @Field(() => ID) id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType()
export class Library {
  @Field(() => ID) id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType()
export class CulturalCenter {
  @Field(() => ID) id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType()
export class CivilProvider {
  @Field(() => ID) id!: string;
}

/** Keyed by its office code, as the schools subgraph keys it (a partner's stored id is that code). */
@Directive('@key(fields: "code")')
@ObjectType()
export class EducationOffice {
  @Field(() => ID) code!: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class SchoolSpace {
  @Field(() => ID) id!: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class LibrarySpace {
  @Field(() => ID) id!: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class CulturalSpace {
  @Field(() => ID) id!: string;
}
