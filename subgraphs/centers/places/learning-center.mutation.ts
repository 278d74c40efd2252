import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role } from '../../../lib/auth';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import {
  forUpdate,
  InputCheck,
  PayloadType,
  requireRole,
  runMutation,
  toPayload,
} from '../../../lib/subgraph/mutation';
import { findOrFail, requireDistrict } from '../mutation-support';
import { UpdateLearningCenterInput } from './learning-center.input';
import { CENTER_CONTACT_LIMITS, LearningCenter } from './learning-center.entity';

export const LearningCenterPayload = PayloadType(LearningCenter, 'learningCenter');

/** The district runs its centers; the city may correct any. Experts work in the centers but do not edit them. */
const CENTER_EDITOR_ROLES = [Role.DISTRICT_OFFICER, Role.CITY_ADMIN];
/** A Korean number as residents dial it: 02-2133-1234, 031-123-4567, 010-1234-5678. */
const PHONE_PATTERN = /^0\d{1,2}-\d{3,4}-\d{4}$/;
const CONTACT_FIELDS = ['address', 'phone', 'openingHours', 'accessibilityNotes'] as const;

function checkContact(input: UpdateLearningCenterInput): void {
  const check = new InputCheck();
  for (const field of CONTACT_FIELDS) check.text(input[field], field, CENTER_CONTACT_LIMITS[field]);
  const phone = input.phone?.trim();
  check.expect(
    !phone || PHONE_PATTERN.test(phone), // an empty one is refused as too short above
    'phone',
    'phone must be a Korean number with dashes, e.g. "02-2133-1234"',
  );
  check.done();
}

@Resolver()
export class LearningCenterMutations {
  @Mutation(() => LearningCenterPayload, {
    description:
      "Changes a center's address, phone, opening hours or accessibility notes (the district's officers, the city).",
  })
  async updateLearningCenter(
    @Arg('input', () => UpdateLearningCenterInput) input: UpdateLearningCenterInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    const precheck = () => {
      requireRole(ctx.identity, CENTER_EDITOR_ROLES);
      checkContact(input);
    };
    const outcome = await runMutation(ctx, { operation: 'updateLearningCenter', precheck }, async (em) => {
      const center = await findOrFail(em, LearningCenter, input.id, 'id', forUpdate(em));
      requireDistrict(ctx.identity!, center.district.code, 'edit learning centers', ['input', 'id']);
      for (const field of CONTACT_FIELDS) {
        const value = input[field];
        if (value !== undefined) center[field] = value === null ? null : value.trim();
      }
      return center;
    });
    return toPayload('learningCenter', outcome);
  }
}
