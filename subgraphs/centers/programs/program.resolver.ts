import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import { ConnectionArgs, type Connection } from '../../../lib/subgraph/relay';
import { Institution, memberByRef, Venue, venueByRef } from '../institutions/institution';
import { LearningCenter } from '../places/learning-center.entity';
import { LifelongEducationField } from './lifelong-education-field.entity';
import { SESSION_ORDER } from '../orders';
import { canReadProgram } from './program.access';
import { paginatePrograms, ProgramConnection } from './program.connection';
import { Program } from './program.entity';
import { ProgramFilter, programWhere } from './program.filter';
import { ProgramSession } from './program-session.entity';

/** A program by id as the caller may see it (program(id) and `__resolveReference`): null when absent or a draft they may not see. */
export async function visibleProgram(ctx: SubgraphContext, id: string): Promise<Program | null> {
  const program = await ctx.loaders.byId(Program).load(id);
  return program && (await canReadProgram(ctx, program)) ? program : null;
}

@Resolver(() => Program)
export class ProgramResolver {
  @Query(() => Program, {
    nullable: true,
    description:
      "A program by id; a draft reads as null except to its host, district officer, city admin, (for a learning center's program) the district's experts and (for a school's) the school's office of education.",
  })
  program(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Program | null> {
    return visibleProgram(ctx, id);
  }

  @Query(() => ProgramConnection, { description: 'The program catalog, soonest first.' })
  async programs(
    @Arg('filter', () => ProgramFilter, { nullable: true }) filter: ProgramFilter | undefined,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<Program>> {
    return paginatePrograms(ctx.em, await programWhere(filter, ctx), page);
  }

  @FieldResolver(() => LifelongEducationField, {
    description: 'Its field in the national classification (a sub-area).',
  })
  async field(@Root() program: Program, @Ctx() { loaders }: SubgraphContext): Promise<LifelongEducationField> {
    return (await loaders.byId(LifelongEducationField, 'code').load(program.field.code))!;
  }

  @FieldResolver(() => LearningCenter, { description: 'The learning center the program is run for.' })
  async center(@Root() program: Program, @Ctx() { loaders }: SubgraphContext): Promise<LearningCenter> {
    return (await loaders.byId(LearningCenter).load(program.center.id))!;
  }

  @FieldResolver(() => Institution, { nullable: true, description: 'The institution that runs the program.' })
  host(@Root() program: Program, @Ctx() { loaders }: SubgraphContext): Promise<typeof Institution> {
    return memberByRef(loaders, program.hostType, program.hostId) as Promise<typeof Institution>;
  }

  @FieldResolver(() => Venue, {
    nullable: true,
    description: 'Where it takes place; null when online or not yet settled.',
  })
  venue(@Root() program: Program, @Ctx() { loaders }: SubgraphContext): Promise<typeof Venue> | null {
    return venueByRef(loaders, program.venueType, program.venueId) as Promise<typeof Venue> | null;
  }

  @FieldResolver(() => [ProgramSession], { description: 'Its meetings in time order.' })
  sessions(@Root() program: Program, @Ctx() { loaders }: SubgraphContext): Promise<ProgramSession[]> {
    return loaders.listBy(ProgramSession, 'program', SESSION_ORDER).load(program.id);
  }

  @FieldResolver(() => Int, { description: 'Capacity minus confirmed enrollments.' })
  seatsLeft(@Root() program: Program): number {
    return Math.max(0, program.capacity - program.confirmedCount);
  }
}
