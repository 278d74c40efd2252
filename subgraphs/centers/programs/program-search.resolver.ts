import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import { ConnectionArgs } from '../../../lib/subgraph/relay';
import { ProgramSearchConnection, ProgramSearchInput, searchPrograms } from './program-search';

@Resolver(() => ProgramSearchConnection)
export class ProgramSearchResolver {
  @Query(() => ProgramSearchConnection, {
    description:
      'Published programs for residents: text in Korean or English titles, place, dates, free seats, distance.',
  })
  searchPrograms(
    @Arg('filter', () => ProgramSearchInput, { nullable: true }) filter: ProgramSearchInput | undefined,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ProgramSearchConnection> {
    return searchPrograms(ctx, filter, page);
  }

  @FieldResolver(() => Int, { description: 'How many programs the whole search finds.' })
  totalCount(@Root() connection: ProgramSearchConnection): Promise<number> {
    return connection.count();
  }
}
