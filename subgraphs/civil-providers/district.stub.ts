import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** District is owned by the centers subgraph; civil-providers contributes the providers serving it. */
@Directive('@key(fields: "code")')
@ObjectType()
export class District {
  @Field(() => ID)
  code!: string;
}

export const districtRef = (code: string): District => Object.assign(new District(), { code });
