import { GraphQLError } from 'graphql';
import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../../../lib/auth';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import { ConnectionArgs, paginate, type Connection } from '../../../lib/subgraph/relay';
import { ENROLLMENT_ORDER, EnrollmentConnection } from './enrollment.connection';
import { Enrollment } from './enrollment.entity';
import { canSeeEnrollment } from './program.access';
import { Program } from './program.entity';
import { Viewer } from '../viewer.resolver';

/** A resident's own enrollments, newest first: the id comes from the verified token, never from an argument. */
function enrollmentsOf(
  em: SubgraphContext['em'],
  residentId: string,
  page: ConnectionArgs,
): Promise<Connection<Enrollment>> {
  return paginate(em, Enrollment, { residentId }, page, ENROLLMENT_ORDER);
}

/** An enrollment by id for its resident and those who manage its program (`__resolveReference`); null for anyone else. */
export async function visibleEnrollment(ctx: SubgraphContext, id: string): Promise<Enrollment | null> {
  const enrollment = await ctx.loaders.byId(Enrollment).load(id);
  const program = enrollment && (await ctx.loaders.byId(Program).load(enrollment.program.id));
  return enrollment && program && canSeeEnrollment(ctx.identity, enrollment, program) ? enrollment : null;
}

@Resolver(() => Enrollment)
export class EnrollmentResolver {
  @Query(() => EnrollmentConnection, {
    description: "The signed-in resident's enrollments, cancelled ones included, newest first.",
  })
  myEnrollments(
    @Args() page: ConnectionArgs,
    @Ctx() { em, identity }: SubgraphContext,
  ): Promise<Connection<Enrollment>> {
    if (!identity)
      throw new GraphQLError('Sign in first: myEnrollments needs a bearer token.', {
        extensions: { code: 'UNAUTHENTICATED' },
      });
    if (identity.role !== Role.RESIDENT)
      throw new GraphQLError(`Only residents enroll; a ${identity.role} has no enrollments.`, {
        extensions: { code: 'FORBIDDEN' },
      });
    return enrollmentsOf(em, identity.subject, page);
  }

  @FieldResolver(() => Program)
  async program(@Root() enrollment: Enrollment, @Ctx() { loaders }: SubgraphContext): Promise<Program> {
    return (await loaders.byId(Program).load(enrollment.program.id))!;
  }
}

@Resolver(() => Viewer)
export class ViewerEnrollmentsResolver {
  @FieldResolver(() => EnrollmentConnection, {
    nullable: true,
    description:
      'The enrollments of a RESIDENT, cancelled ones included, newest first (as myEnrollments); null for other roles.',
  })
  enrollments(
    @Args() page: ConnectionArgs,
    @Ctx() { em, identity }: SubgraphContext,
  ): Promise<Connection<Enrollment>> | null {
    return identity?.role === Role.RESIDENT ? enrollmentsOf(em, identity.subject, page) : null;
  }
}
