import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role, type Identity } from '../../../lib/auth';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import {
  fail,
  forUpdate,
  InputCheck,
  keyedWrite,
  PayloadType,
  requireRole,
  runMutation,
  toPayload,
  UserErrorCode,
} from '../../../lib/subgraph/mutation';
import { hostTypenameOf } from '../institutions/institution-type';
import { District } from '../places/district.entity';
import { Dong } from '../places/dong.entity';
import { LearningCenter } from '../places/learning-center.entity';
import { actsOnDistrict, findOrFail, newId, remoteMustExist, requireDistrict } from '../mutation-support';
import { seoulNow } from '../seoul-time';
import { personalDataIn } from './counseling';
import { DiscoveredResource, DiscoveredResourceKind } from './discovered-resource.entity';
import { DiscoveredResourceIdInput, RecordDiscoveredResourceInput } from './discovered-resource.input';

export const DiscoveredResourcePayload = PayloadType(DiscoveredResource, 'discoveredResource');

/** A district's experts and officers record what they find there; the city anywhere. */
const RESOURCE_WRITERS = [Role.EXPERT, Role.DISTRICT_OFFICER, Role.CITY_ADMIN];
const INSTITUTION_FIELD = ['input', 'institution'];

/** Refuses a free text that is blank, too long or holds contact or personal data (the counseling rule). */
function contactFree(
  check: InputCheck,
  text: string | null | undefined,
  field: string,
  max: number,
  required: boolean,
) {
  const value = text?.trim() ?? '';
  if (required || value) check.text(value, field, { max });
  const personal = value ? personalDataIn(value) : undefined;
  return check.expect(
    !personal,
    field,
    `${field} looks like it holds ${personal}: record the resource without contact or personal data`,
  );
}

@Resolver()
export class DiscoveredResourceMutations {
  @Mutation(() => DiscoveredResourcePayload, {
    description:
      "Records a learning resource found in the district: a space, an institution or a person's skill, without contact data (the district's experts and officers, the city).",
  })
  async recordDiscoveredResource(
    @Arg('input', () => RecordDiscoveredResourceInput) input: RecordDiscoveredResourceInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    const institutionType = input.institution ? hostTypenameOf(input.institution.type) : null;
    const precheck = async () => {
      requireRole(ctx.identity, RESOURCE_WRITERS);
      const check = new InputCheck();
      contactFree(check, input.name, 'name', 200, true);
      contactFree(check, input.description, 'description', 2000, true);
      contactFree(check, input.note, 'note', 500, false)
        .expect(
          !input.institution || input.kind !== DiscoveredResourceKind.PERSON_SKILL,
          'institution',
          "a person's skill is no institution's: leave institution out",
        )
        .expect(
          !input.institution || institutionType !== null,
          'institution',
          'an office of education is no discovered resource',
        )
        .done();
      if (input.institution && institutionType) {
        await remoteMustExist(ctx, { typename: institutionType, id: input.institution.id }, INSTITUTION_FIELD);
      }
    };
    const visible = (row: DiscoveredResource, identity: Identity | null) => actsOnDistrict(identity, row.districtCode);
    const outcome = await runMutation(
      ctx,
      { ...keyedWrite('recordDiscoveredResource', input, DiscoveredResource, visible), precheck },
      async (em) => {
        const identity = ctx.identity!;
        const district = await findOrFail(em, District, input.districtCode, 'districtCode');
        requireDistrict(identity, district.code, 'record learning resources', ['input', 'districtCode']);
        const dong = input.dongCode ? await findOrFail(em, Dong, input.dongCode, 'dongCode') : null;
        if (dong && dong.district.unwrap().code !== district.code)
          fail(UserErrorCode.INVALID_INPUT, `Dong ${dong.code} is not in district ${district.code}.`, [
            'input',
            'dongCode',
          ]);
        if (institutionType === 'LearningCenter')
          await findOrFail(em, LearningCenter, input.institution!.id, 'institution.id');
        return em.create(DiscoveredResource, {
          id: newId('DR'),
          districtCode: district.code,
          kind: input.kind,
          name: input.name.trim(),
          description: input.description.trim(),
          note: input.note?.trim() || null,
          dong,
          institutionType,
          institutionId: institutionType ? input.institution!.id : null,
          recordedBy: identity.subject,
          recordedAt: seoulNow(),
        });
      },
    );
    return toPayload('discoveredResource', outcome);
  }

  @Mutation(() => DiscoveredResourcePayload, {
    description:
      'Archives a discovered resource that is no longer current; it stays on record. Archiving an archived one changes nothing.',
  })
  async archiveDiscoveredResource(
    @Arg('input', () => DiscoveredResourceIdInput) input: DiscoveredResourceIdInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    const outcome = await runMutation(ctx, { operation: 'archiveDiscoveredResource' }, async (em) => {
      const identity = requireRole(ctx.identity, RESOURCE_WRITERS);
      const resource = await findOrFail(em, DiscoveredResource, input.id, 'id', forUpdate(em));
      requireDistrict(identity, resource.districtCode, 'archive learning resources', ['input', 'id']);
      resource.archivedAt ??= seoulNow();
      return resource;
    });
    return toPayload('discoveredResource', outcome);
  }
}
