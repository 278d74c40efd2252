import { Arg, Args, Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import { ConnectionArgs, ConnectionType, paginate, type Connection, type SortOrder } from '../../../lib/subgraph/relay';
import { District } from '../places/district.entity';
import { LearningCenter } from '../places/learning-center.entity';
import { mayReadCounselingCounts, mayRecordCounseling } from './counseling';
import { CounselingSession, CounselingTopic } from './counseling-session.entity';
import { LifelongLearningExpert } from './expert.entity';

export const CounselingSessionConnection = ConnectionType(CounselingSession);
/** Latest first: what an expert going over their recent sessions wants. */
const COUNSELING_ORDER: SortOrder<CounselingSession> = [
  { property: 'heldOn', direction: 'desc' },
  { property: 'id', direction: 'desc' },
];

@ObjectType({ description: 'Counseling sessions of one topic.' })
export class CounselingTopicCount {
  @Field(() => CounselingTopic) topic!: CounselingTopic;
  @Field(() => Int) sessionCount!: number;
}

@ObjectType({ description: "A district's counseling sessions of one year, counted: no one's data." })
export class CounselingSummary {
  @Field(() => Int) year!: number;
  @Field(() => Int) sessionCount!: number;
  @Field(() => Int, { description: 'Distinct learners counseled (by their learner key).' }) learnerCount!: number;
  @Field(() => [CounselingTopicCount], { description: 'Every topic, in enum order (zero where there is none).' })
  byTopic!: CounselingTopicCount[];
}

interface DistrictCounts {
  learners: number;
  byTopic: Map<string, number>;
}

/** The year's counts of every district the request asks about, in two grouped statements. */
function countsOf({ em, loaders }: SubgraphContext, year: number, districtCode: string): Promise<DistrictCounts> {
  return loaders
    .custom<DistrictCounts>(`counseling:${year}`, async (codes) => {
      const ofYear = () =>
        em
          .getKnex()('counseling_session')
          .whereIn('district_code', [...codes])
          .whereBetween('held_on', [`${year}-01-01`, `${year}-12-31`])
          .groupBy('district_code');
      type Row = { district_code: string; topic: string; n: number | string };
      const [topics, learners] = (await Promise.all([
        ofYear().select('district_code', 'topic').count({ n: '*' }).groupBy('topic'),
        ofYear().select('district_code').countDistinct({ n: 'learner_key' }),
      ])) as unknown as [Row[], Row[]];
      const counts = new Map(codes.map((code) => [String(code), { learners: 0, byTopic: new Map<string, number>() }]));
      for (const row of topics) counts.get(row.district_code)?.byTopic.set(row.topic, Number(row.n));
      for (const row of learners) counts.get(row.district_code)!.learners = Number(row.n);
      return codes.map((code) => counts.get(String(code))!);
    })
    .load(districtCode);
}

@Resolver(() => District)
export class DistrictCounselingResolver {
  @FieldResolver(() => CounselingSummary, {
    nullable: true,
    description:
      "The district's counseling sessions of a year, counted by topic: for analysts, district officers and the city; null for everyone else.",
  })
  async counseling(
    @Root() district: District,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CounselingSummary | null> {
    if (!mayReadCounselingCounts(ctx.identity)) return null;
    const { learners, byTopic } = await countsOf(ctx, year, district.code);
    const topics = Object.values(CounselingTopic).map((topic) =>
      Object.assign(new CounselingTopicCount(), { topic, sessionCount: byTopic.get(topic) ?? 0 }),
    );
    return Object.assign(new CounselingSummary(), {
      year,
      sessionCount: topics.reduce((total, { sessionCount }) => total + sessionCount, 0),
      learnerCount: learners,
      byTopic: topics,
    });
  }

  @FieldResolver(() => CounselingSessionConnection, {
    nullable: true,
    description:
      "The district's counseling sessions, latest first (of one year when given): for its experts and officers and the city; null for everyone else.",
  })
  async counselingSessions(
    @Root() district: District,
    @Arg('year', () => Int, { nullable: true }) year: number | undefined,
    @Args() page: ConnectionArgs,
    @Ctx() { em, identity }: SubgraphContext,
  ): Promise<Connection<CounselingSession> | null> {
    if (!mayRecordCounseling(identity, district.code)) return null;
    const held = year == null ? {} : { heldOn: { $gte: `${year}-01-01`, $lte: `${year}-12-31` } };
    return paginate(em, CounselingSession, { districtCode: district.code, ...held }, page, COUNSELING_ORDER);
  }
}

@Resolver(() => CounselingSession)
export class CounselingSessionResolver {
  @FieldResolver(() => LearningCenter)
  async center(@Root() session: CounselingSession, @Ctx() { loaders }: SubgraphContext): Promise<LearningCenter> {
    return (await loaders.byId(LearningCenter).load(session.center.id))!;
  }

  @FieldResolver(() => District)
  async district(@Root() session: CounselingSession, @Ctx() { loaders }: SubgraphContext): Promise<District> {
    return (await loaders.byId(District, 'code').load(session.districtCode))!;
  }

  @FieldResolver(() => LifelongLearningExpert, {
    nullable: true,
    description: 'The expert who recorded it, when their account is linked to their expert record.',
  })
  expert(
    @Root() session: CounselingSession,
    @Ctx() { loaders }: SubgraphContext,
  ): Promise<LifelongLearningExpert | null> | null {
    return session.expert ? loaders.byId(LifelongLearningExpert).load(session.expert.id) : null;
  }
}
