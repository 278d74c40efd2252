/**
 * The reads of "a room of an institution" (SchoolSpace, LibrarySpace, CulturalSpace): the owner's `spaces` and
 * the room's owner. A subgraph calls `spaceResolvers` after declaring its owner's resolver, so `spaces` follows
 * the owner's own fields in the schema.
 */
import type { EntityClass } from '@mikro-orm/core';
import { Ctx, FieldResolver, Resolver, Root, type ClassType } from 'type-graphql';
import type { SubgraphContext } from './context';
import { NAME_ORDER } from './relay';
import type { SpaceEntity } from './space-mutations';

export interface SpaceResolversSpec<Owner extends { id: string }, Space extends SpaceEntity> {
  owner: EntityClass<Owner> & ClassType<Owner>;
  space: EntityClass<Space> & ClassType<Space>;
  /** The room's ManyToOne to its owner, e.g. "school": also the name of the room's field returning it. */
  ownerProperty: keyof Space & string;
  /** The description of the owner's `spaces`. */
  description: string;
}

/** `<Owner>.spaces` (removed rooms are left out) and `<Space>.<ownerProperty>`. */
export function spaceResolvers<Owner extends { id: string }, Space extends SpaceEntity>(
  spec: SpaceResolversSpec<Owner, Space>,
) {
  @Resolver(() => spec.owner)
  class OwnerSpacesResolver {
    @FieldResolver(() => [spec.space], { description: spec.description })
    spaces(@Root() owner: Owner, @Ctx() { loaders }: SubgraphContext): Promise<Space[]> {
      return loaders.listBy(spec.space, spec.ownerProperty, NAME_ORDER, { removedAt: null } as never).load(owner.id);
    }
  }

  @Resolver(() => spec.space)
  class SpaceOwnerResolver {
    @FieldResolver(() => spec.owner, { name: spec.ownerProperty })
    async owner(@Root() space: Space, @Ctx() { loaders }: SubgraphContext): Promise<Owner> {
      const owner = space[spec.ownerProperty] as { id: string };
      // eslint-disable-next-line @typescript-eslint/no-unsafe-return -- the by-id loader of a generic entity class is typed any
      return (await loaders.byId(spec.owner).load(owner.id))!;
    }
  }

  return [OwnerSpacesResolver, SpaceOwnerResolver] as const;
}
