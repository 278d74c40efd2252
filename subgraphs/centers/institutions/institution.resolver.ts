import { Args, Ctx, FieldResolver, Resolver, Root, type ClassType } from 'type-graphql';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import { ConnectionArgs, type Connection } from '../../../lib/subgraph/relay';
import type { InstitutionTypename, PartnerTypename } from '../../../lib/typenames';
import { CivilProvider, CulturalCenter, EducationOffice, Library, School } from './institution.stub';
import { withinScope } from '../network/partnership.access';
import { PARTNERSHIP_ORDER } from '../network/partnership.connection';
import { Partnership } from '../network/partnership.entity';
import { PROGRAM_ORDER, ProgramConnection } from '../programs/program.connection';
import { Program, ProgramStatus } from '../programs/program.entity';

/**
 * One resolver class per partner institution owned elsewhere, contributing
 * the programs it hosts and its partnerships. Both lists group on the stored
 * partner id and filter on the typename, so N institutions cost one statement.
 */
function institutionLinksResolver(stub: ClassType<{ id: string }>, typename: InstitutionTypename) {
  @Resolver(() => stub)
  class InstitutionLinksResolver {
    @FieldResolver(() => ProgramConnection, {
      nullable: true,
      description: 'Published programs this institution hosts, soonest first.',
    })
    programs(
      @Root() institution: { id: string },
      @Args() page: ConnectionArgs,
      @Ctx() { loaders }: SubgraphContext,
    ): Promise<Connection<Program>> {
      return loaders
        .connectionBy(Program, 'hostId', page, PROGRAM_ORDER, { hostType: typename, status: ProgramStatus.PUBLISHED })
        .load(institution.id);
    }

    @FieldResolver(() => [Partnership], {
      nullable: true,
      description: 'Its partnerships with learning centers, oldest first.',
    })
    partnerships(@Root() institution: { id: string }, @Ctx() ctx: SubgraphContext): Promise<Partnership[]> {
      return partnershipsOf(ctx, typename, institution.id);
    }
  }
  return InstitutionLinksResolver;
}

/** A partner's partnerships the caller may see, oldest first (one statement for all partners of a kind). */
async function partnershipsOf(ctx: SubgraphContext, typename: PartnerTypename, id: string): Promise<Partnership[]> {
  const where = await withinScope(ctx, { partnerType: typename });
  return ctx.loaders.listBy(Partnership, 'partnerId', PARTNERSHIP_ORDER, where).load(id);
}

/** An office of education hosts nothing; it contributes its partnerships, keyed by its code. */
@Resolver(() => EducationOffice)
export class EducationOfficePartnershipsResolver {
  @FieldResolver(() => [Partnership], {
    nullable: true,
    description: 'Its partnerships with learning centers, oldest first.',
  })
  partnerships(@Root() office: EducationOffice, @Ctx() ctx: SubgraphContext): Promise<Partnership[]> {
    return partnershipsOf(ctx, 'EducationOffice', office.code);
  }
}

export const institutionLinksResolvers = [
  institutionLinksResolver(School, 'School'),
  institutionLinksResolver(Library, 'Library'),
  institutionLinksResolver(CulturalCenter, 'CulturalCenter'),
  institutionLinksResolver(CivilProvider, 'CivilProvider'),
];
