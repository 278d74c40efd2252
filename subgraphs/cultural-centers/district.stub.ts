import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** District is owned by the centers subgraph; cultural-centers contributes its cultural centers. */
@Directive('@key(fields: "code")')
@ObjectType()
export class District {
  @Field(() => ID)
  code!: string;
}

/** Dong is owned by the centers subgraph; cultural-centers contributes the cultural centers in it. */
@Directive('@key(fields: "code")')
@ObjectType()
export class Dong {
  @Field(() => ID)
  code!: string;
}

export const districtRef = (code: string): District => Object.assign(new District(), { code });
export const dongRef = (code: string | null): Dong | null => (code ? Object.assign(new Dong(), { code }) : null);
