import type { EntityManager } from '@mikro-orm/knex';
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
import { nextChangeStamp } from '../change-feed';
import { actsOnDistrict, findOrFail, newId, requireDistrict } from '../mutation-support';
import { District } from '../places/district.entity';
import { LearningCenter } from '../places/learning-center.entity';
import { Notice, NoticeStatus } from './notice.entity';
import { PublishNoticeInput, UpdateNoticeInput, WithdrawNoticeInput } from './notice.input';

export const NoticePayload = PayloadType(Notice, 'notice');

/** Experts communicate with residents, beside the district's officers and the city. */
const NOTICE_ROLES = [Role.EXPERT, Role.DISTRICT_OFFICER, Role.CITY_ADMIN];
export const NOTICE_LIMITS = { title: { max: 200 }, body: { max: 5000 } } as const;
/** Any fixed number: the advisory lock that orders notice writes (change-feed.ts). */
const NOTICE_CHANGES = { table: 'notice', lock: 4_242_002 };

/** Problems of the fields a publish and an update share. An update leaves out what it keeps; null is refused. */
function checkNoticeFields(input: {
  title?: string | null;
  body?: string | null;
  startsOn?: string | null;
  endsOn?: string | null;
}): InputCheck {
  const check = new InputCheck();
  for (const field of ['title', 'body', 'startsOn', 'endsOn'] as const)
    check.expect(input[field] !== null, field, `${field} cannot be null: leave it out to keep it`);
  return check.text(input.title, 'title', NOTICE_LIMITS.title).text(input.body, 'body', NOTICE_LIMITS.body);
}

/** INVALID_INPUT on endsOn when the period, as it would be stored, ends before it starts. */
function checkPeriod(check: InputCheck, startsOn: string, endsOn: string): InputCheck {
  return check.expect(startsOn <= endsOn, 'endsOn', `endsOn (${endsOn}) must not be before startsOn (${startsOn})`);
}

/** A notice the caller may change: a withdrawn one is gone, as an unknown id. */
async function managedNotice(em: EntityManager, identity: Identity, id: string): Promise<Notice> {
  const notice = await findOrFail(em, Notice, id, 'id', forUpdate(em));
  if (notice.status === NoticeStatus.WITHDRAWN)
    fail(UserErrorCode.NOT_FOUND, `Notice ${JSON.stringify(id)} was withdrawn.`, ['input', 'id']);
  requireDistrict(identity, notice.district.code, 'manage notices', ['input', 'id']);
  return notice;
}

@Resolver()
export class NoticeMutations {
  @Mutation(() => NoticePayload, {
    description:
      "Publishes a notice for a learning center or a district (the district's experts and officers, the city).",
  })
  async publishNotice(@Arg('input', () => PublishNoticeInput) input: PublishNoticeInput, @Ctx() ctx: SubgraphContext) {
    const precheck = () => {
      requireRole(ctx.identity, NOTICE_ROLES);
      const check = checkNoticeFields(input).expect(
        (input.centerId == null) !== (input.districtCode == null),
        'centerId',
        'give either centerId (a notice of a center) or districtCode (a notice of a district), not both',
      );
      checkPeriod(check, input.startsOn, input.endsOn).done();
    };
    // A retry gets the notice back while its caller may still manage it.
    const visible = (notice: Notice, identity: Identity | null) => actsOnDistrict(identity, notice.district.code);
    const outcome = await runMutation(
      ctx,
      { ...keyedWrite('publishNotice', input, Notice, visible), precheck },
      async (em) => {
        const [districtCode, field] = input.centerId
          ? [(await findOrFail(em, LearningCenter, input.centerId, 'centerId')).district.code, 'centerId']
          : [(await findOrFail(em, District, input.districtCode!, 'districtCode')).code, 'districtCode'];
        requireDistrict(ctx.identity!, districtCode, 'publish notices', ['input', field]);
        const { updatedAt, modified } = await nextChangeStamp(em, NOTICE_CHANGES);
        return em.create(Notice, {
          id: newId('NTC'),
          district: districtCode,
          center: input.centerId ?? null,
          title: input.title.trim(),
          body: input.body.trim(),
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          status: NoticeStatus.PUBLISHED,
          publishedAt: updatedAt,
          updatedAt,
          modified,
        });
      },
    );
    return toPayload('notice', outcome);
  }

  @Mutation(() => NoticePayload, { description: 'Changes the title, body or period of a published notice.' })
  async updateNotice(@Arg('input', () => UpdateNoticeInput) input: UpdateNoticeInput, @Ctx() ctx: SubgraphContext) {
    const precheck = () => {
      requireRole(ctx.identity, NOTICE_ROLES);
      checkNoticeFields(input).done();
    };
    const outcome = await runMutation(ctx, { operation: 'updateNotice', precheck }, async (em) => {
      const notice = await managedNotice(em, ctx.identity!, input.id);
      checkPeriod(new InputCheck(), input.startsOn ?? notice.startsOn, input.endsOn ?? notice.endsOn).done();
      if (input.title != null) notice.title = input.title.trim();
      if (input.body != null) notice.body = input.body.trim();
      if (input.startsOn != null) notice.startsOn = input.startsOn;
      if (input.endsOn != null) notice.endsOn = input.endsOn;
      Object.assign(notice, await nextChangeStamp(em, NOTICE_CHANGES));
      return notice;
    });
    return toPayload('notice', outcome);
  }

  @Mutation(() => NoticePayload, {
    description: 'Withdraws a notice: no reader sees it any more; the open-data feed lists it as deleted.',
  })
  async withdrawNotice(
    @Arg('input', () => WithdrawNoticeInput) input: WithdrawNoticeInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    const precheck = () => void requireRole(ctx.identity, NOTICE_ROLES);
    const outcome = await runMutation(ctx, { operation: 'withdrawNotice', precheck }, async (em) => {
      const notice = await findOrFail(em, Notice, input.id, 'id', forUpdate(em));
      requireDistrict(ctx.identity!, notice.district.code, 'manage notices', ['input', 'id']);
      // Withdrawing twice changes nothing more: the retry of a withdrawal that was answered late succeeds.
      if (notice.status === NoticeStatus.PUBLISHED) {
        notice.status = NoticeStatus.WITHDRAWN;
        Object.assign(notice, await nextChangeStamp(em, NOTICE_CHANGES));
      }
      return notice;
    });
    return toPayload('notice', outcome);
  }
}
