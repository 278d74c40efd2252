import { Directive, Field, ID, ObjectType } from 'type-graphql';

/*
 * District and Dong are owned by the centers subgraph; the institution subgraphs
 * (schools, libraries, cultural-centers, civil-providers) add their own fields to
 * them. Every subgraph runs in a process of its own, so they can share these
 * stubs; the centers subgraph declares the entities themselves and never loads this.
 */

@Directive('@key(fields: "code")')
@ObjectType()
export class District {
  @Field(() => ID)
  code!: string;
}

@Directive('@key(fields: "code")')
@ObjectType()
export class Dong {
  @Field(() => ID)
  code!: string;
}

export const districtRef = (code: string): District => Object.assign(new District(), { code });
export const dongRef = (code: string | null): Dong | null => (code ? Object.assign(new Dong(), { code }) : null);
