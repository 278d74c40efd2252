import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import { LifelongEducationField } from './lifelong-education-field.entity';

@Resolver(() => LifelongEducationField)
export class LifelongEducationFieldResolver {
  @Query(() => [LifelongEducationField], {
    description: 'The national classification: every area followed by its sub-areas.',
  })
  lifelongEducationFields(@Ctx() { em }: SubgraphContext): Promise<LifelongEducationField[]> {
    return em.find(LifelongEducationField, {}, { orderBy: { code: 'asc' } });
  }

  @FieldResolver(() => LifelongEducationField, {
    nullable: true,
    description: 'The area of a sub-area; null for an area.',
  })
  parent(
    @Root() field: LifelongEducationField,
    @Ctx() { loaders }: SubgraphContext,
  ): Promise<LifelongEducationField | null> | null {
    return field.parent ? loaders.byId(LifelongEducationField, 'code').load(field.parent.code) : null;
  }
}
