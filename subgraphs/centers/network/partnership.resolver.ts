import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import { ConnectionArgs, paginate, type Connection } from '../../../lib/subgraph/relay';
import { Institution, memberByRef } from '../institutions/institution';
import { InstitutionType, TYPENAME_OF } from '../institutions/institution-type';
import { LearningCenter } from '../places/learning-center.entity';
import { PARTNERSHIP_ORDER, PartnershipConnection } from './partnership.connection';
import { Partnership, PartnershipKind, PartnershipStatus } from './partnership.entity';
import { maySeeActor, withinScope } from './partnership.access';
import { definedOnly } from '../where';

@InputType({ description: 'All given conditions must hold.' })
export class PartnershipFilter {
  @Field(() => ID, { nullable: true, description: "The center's district." }) districtCode?: string;
  @Field(() => ID, { nullable: true }) centerId?: string;
  @Field(() => PartnershipKind, { nullable: true }) kind?: PartnershipKind;
  @Field({ nullable: true }) active?: boolean;
  @Field(() => PartnershipStatus, { nullable: true }) status?: PartnershipStatus;
  @Field(() => InstitutionType, { nullable: true }) partnerType?: InstitutionType;
  @Field(() => ID, { nullable: true }) partnerId?: string;
}

function partnershipWhere(filter: PartnershipFilter | undefined): FilterQuery<Partnership> {
  return definedOnly({
    districtCode: filter?.districtCode ?? undefined,
    center: filter?.centerId ?? undefined,
    kind: filter?.kind ?? undefined,
    active: filter?.active ?? undefined,
    status: filter?.status ?? undefined,
    partnerType: filter?.partnerType ? TYPENAME_OF[filter.partnerType] : undefined,
    partnerId: filter?.partnerId ?? undefined,
  }) as FilterQuery<Partnership>;
}

@Resolver(() => Partnership)
export class PartnershipResolver {
  @Query(() => PartnershipConnection, {
    description:
      "Partnerships between centers and institutions, oldest first. Proposals and declined ones only for the district's experts and officers, the partner's office of education and the city.",
  })
  async partnerships(
    @Arg('filter', () => PartnershipFilter, { nullable: true }) filter: PartnershipFilter | undefined,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<Partnership>> {
    return paginate(ctx.em, Partnership, await withinScope(ctx, partnershipWhere(filter)), page, PARTNERSHIP_ORDER);
  }

  @FieldResolver(() => LearningCenter)
  async center(@Root() partnership: Partnership, @Ctx() { loaders }: SubgraphContext): Promise<LearningCenter> {
    return (await loaders.byId(LearningCenter).load(partnership.center.id))!;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Who proposed it (the account's subject): for the district's experts and officers, the city and the proposer; null otherwise or when it was not proposed.",
  })
  proposedBy(@Root() partnership: Partnership, @Ctx() { identity }: SubgraphContext): string | null {
    const actor = partnership.proposedBy;
    return actor && maySeeActor(identity, partnership.districtCode, actor) ? actor : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Who created, approved or declined it (the account's subject): shown like proposedBy; null for records older than the lifecycle.",
  })
  decidedBy(@Root() partnership: Partnership, @Ctx() { identity }: SubgraphContext): string | null {
    const actor = partnership.decidedBy;
    return actor && maySeeActor(identity, partnership.districtCode, actor) ? actor : null;
  }

  @FieldResolver(() => Institution, { nullable: true })
  partner(@Root() partnership: Partnership, @Ctx() { loaders }: SubgraphContext): Promise<typeof Institution> {
    return memberByRef(loaders, partnership.partnerType, partnership.partnerId) as Promise<typeof Institution>;
  }
}
