import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../lib/context';
import { Enrollment } from './enrollment.entity';
import { Program } from './program.entity';

@Resolver(() => Enrollment)
export class EnrollmentResolver {
  @FieldResolver(() => Program)
  async program(@Root() enrollment: Enrollment, @Ctx() { loaders }: SubgraphContext): Promise<Program> {
    return (await loaders.byId(Program).load(enrollment.program.id))!;
  }
}
