import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import type { LearningCommunity } from './learning-community.entity';

/**
 * A resident's membership of a learning community. Not a GraphQL type: the resident is personal data (as an
 * enrollment's), so others see only how many joined, and a resident only their own communities.
 */
@Entity({ tableName: 'community_membership' })
@Unique({ properties: ['community', 'residentId'] })
@Index({ properties: ['residentId', 'joinedAt', 'id'] })
export class CommunityMembership {
  @PrimaryKey({ length: 16 })
  id!: string;

  @ManyToOne('LearningCommunity', { ref: true, index: false })
  community!: Ref<LearningCommunity>;

  @Property({ length: 255 }) // a token subject (lib/auth.ts allows up to 255 characters); redacted in logs
  residentId!: string;

  @Property({ length: 32 })
  joinedAt!: string;
}
