import { Ctx, Field, FieldResolver, ID, ObjectType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import { Role, type Identity } from '../../lib/auth';
import type { SubgraphContext } from '../../lib/subgraph/context';
import { LifelongLearningExpert } from './network/expert.entity';

registerEnumType(Role, {
  name: 'Role',
  description: 'What a signed-in caller may do; the token says which district, office or institution it acts on.',
});

@ObjectType({ description: 'The institution a caller acts for, as its GraphQL typename and id.' })
export class ViewerInstitution {
  @Field({ description: 'LearningCenter, School, Library, CulturalCenter or CivilProvider.' }) typename!: string;
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'Who is signed in, as the verified token says.' })
export class Viewer {
  @Field(() => ID, { description: "The token's subject (for a resident: the resident id)." }) subject!: string;
  @Field(() => Role) role!: Role;
  @Field(() => ID, { nullable: true, description: 'The district code a DISTRICT_OFFICER or EXPERT acts on.' })
  district!: string | null;
  @Field(() => ID, { nullable: true, description: 'The office code an EDUCATION_OFFICE acts on.' }) educationOffice!:
    string | null;
  @Field(() => ViewerInstitution, { nullable: true, description: 'The institution an INSTITUTION acts for.' })
  institution!: ViewerInstitution | null;

  /** Kept for the `expert` field: who asks decides which expert record (if any) is theirs. */
  identity!: Identity;
}

function viewerOf(identity: Identity): Viewer {
  return Object.assign(new Viewer(), {
    subject: identity.subject,
    role: identity.role,
    district: identity.district ?? null,
    educationOffice: identity.educationOffice ?? null,
    institution: identity.institution ? Object.assign(new ViewerInstitution(), identity.institution) : null,
    identity,
  });
}

@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, { nullable: true, description: 'The signed-in caller; null for anonymous requests.' })
  viewer(@Ctx() { identity }: SubgraphContext): Viewer | null {
    return identity ? viewerOf(identity) : null;
  }

  /** The record an officer linked to this subject (createExpert/assignExpert `subject`), in the token's district. */
  @FieldResolver(() => LifelongLearningExpert, {
    nullable: true,
    description:
      "For an EXPERT token: the expert record linked to the token's subject in the token's district; null otherwise.",
  })
  expert(@Root() { identity }: Viewer, @Ctx() { em }: SubgraphContext): Promise<LifelongLearningExpert | null> | null {
    if (identity.role !== Role.EXPERT) return null;
    return em.findOne(LifelongLearningExpert, { subject: identity.subject, district: identity.district });
  }
}
