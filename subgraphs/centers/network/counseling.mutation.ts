import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role } from '../../../lib/auth';
import { requireScope } from '../../../lib/subgraph/authorization';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import {
  InputCheck,
  keyedWrite,
  PayloadType,
  requireRole,
  runMutation,
  toPayload,
} from '../../../lib/subgraph/mutation';
import { LearningCenter } from '../places/learning-center.entity';
import { findOrFail, newId, seoulToday } from '../mutation-support';
import { seoulNow } from '../seoul-time';
import { checkLearnerRef, learnerKeyOf, mayRecordCounseling } from './counseling';
import { CounselingSession } from './counseling-session.entity';
import { RecordCounselingSessionInput } from './counseling.input';
import { LifelongLearningExpert } from './expert.entity';

export const CounselingSessionPayload = PayloadType(CounselingSession, 'counselingSession');

const COUNSELING_ROLES = [Role.EXPERT, Role.DISTRICT_OFFICER, Role.CITY_ADMIN];

@Resolver()
export class CounselingMutations {
  @Mutation(() => CounselingSessionPayload, {
    description:
      "Records a counseling session with a learner at a center (the district's experts and officers, the city).",
  })
  async recordCounselingSession(
    @Arg('input', () => RecordCounselingSessionInput) input: RecordCounselingSessionInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    const precheck = () => {
      requireRole(ctx.identity, COUNSELING_ROLES);
      const check = new InputCheck().expect(
        input.heldOn <= seoulToday(),
        'heldOn',
        'heldOn cannot be in the future (Seoul time)',
      );
      checkLearnerRef(check, input.learnerRef).done();
    };
    const visible = (session: CounselingSession, identity: typeof ctx.identity) =>
      mayRecordCounseling(identity, session.districtCode);
    const outcome = await runMutation(
      ctx,
      { ...keyedWrite('recordCounselingSession', input, CounselingSession, visible), precheck },
      async (em) => {
        const identity = ctx.identity!;
        const center = await findOrFail(em, LearningCenter, input.centerId, 'centerId');
        const districtCode = center.district.code;
        requireScope(
          mayRecordCounseling(identity, districtCode),
          `record counseling at a center of district ${districtCode}`,
          ['input', 'centerId'],
        );
        const expert =
          identity.role === Role.EXPERT
            ? await em.findOne(LifelongLearningExpert, { subject: identity.subject, district: districtCode })
            : null;
        return em.create(CounselingSession, {
          id: newId('CO'),
          heldOn: input.heldOn,
          topic: input.topic,
          center,
          districtCode,
          learnerKey: learnerKeyOf(districtCode, input.learnerRef),
          expert,
          recordedAt: seoulNow(),
        });
      },
    );
    return toPayload('counselingSession', outcome);
  }
}
