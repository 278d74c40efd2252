/**
 * The city's excellence certification of programs (서울시 우수 평생교육 프로그램 인증): the city certifies a
 * published program for a year and can withdraw it. It is the city's judgement, not the host's edit, so it keeps
 * the program's version: the host's next update does not turn stale.
 */
import type { EntityManager } from '@mikro-orm/knex';
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { Role } from '../../../lib/auth';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import { fail, requireRole, runMutation, toPayload, UserErrorCode } from '../../../lib/subgraph/mutation';
import { checkYear } from '../network/city-support.mutation';
import { seoulNow } from '../seoul-time';
import { isPublic } from './program.access';
import { Program } from './program.entity';
import { ProgramPayload } from './program.mutation';
import { lockProgram } from './seats';

@InputType({ description: 'Certifies a published program as excellent for a year (replacing an earlier year).' })
export class CertifyProgramInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The year it is certified for, 2000 to 2100.' })
  year!: number;
}

@InputType()
export class WithdrawProgramCertificationInput {
  @Field(() => ID)
  id!: string;
}

/** The program, locked; NOT_FOUND when there is none. */
async function programToCertify(em: EntityManager, id: string): Promise<Program> {
  const program = await lockProgram(em, id);
  if (!program) fail(UserErrorCode.NOT_FOUND, `There is no program ${id}.`, ['input', 'id']);
  return program;
}

/** Stores the certification alone: naming the version keeps it as it is (MikroORM bumps it on every other update). */
async function storeCertification(
  em: EntityManager,
  program: Program,
  certification: Pick<Program, 'certifiedYear' | 'certifiedAt'>,
): Promise<Program> {
  await em.nativeUpdate(Program, { id: program.id }, { ...certification, version: program.version });
  await em.refresh(program);
  return program;
}

@Resolver()
export class ProgramCertificationMutations {
  @Mutation(() => ProgramPayload, {
    description:
      'Certifies a program as excellent (서울시 우수 평생교육 프로그램 인증) for a year (CITY_ADMIN). Only a program that was published can be certified; certifying it again for the same year changes nothing.',
  })
  async certifyProgram(
    @Arg('input', () => CertifyProgramInput) input: CertifyProgramInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    const precheck = () => {
      requireRole(ctx.identity, [Role.CITY_ADMIN]);
      checkYear(input.year).done();
    };
    const outcome = await runMutation(ctx, { operation: 'certifyProgram', precheck }, async (em) => {
      const program = await programToCertify(em, input.id);
      if (!isPublic(program)) {
        fail(
          UserErrorCode.CONFLICT,
          `Program ${input.id} was never published: the city certifies only programs residents could take.`,
          ['input', 'id'],
        );
      }
      if (program.certifiedYear === input.year) return program;
      return storeCertification(em, program, { certifiedYear: input.year, certifiedAt: seoulNow() });
    });
    return toPayload('program', outcome);
  }

  @Mutation(() => ProgramPayload, {
    description:
      "Withdraws a program's excellence certification (CITY_ADMIN); withdrawing it from a program that has none changes nothing.",
  })
  async withdrawProgramCertification(
    @Arg('input', () => WithdrawProgramCertificationInput) input: WithdrawProgramCertificationInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    const precheck = () => void requireRole(ctx.identity, [Role.CITY_ADMIN]);
    const outcome = await runMutation(ctx, { operation: 'withdrawProgramCertification', precheck }, async (em) => {
      const program = await programToCertify(em, input.id);
      if (program.certifiedYear == null) return program;
      return storeCertification(em, program, { certifiedYear: null, certifiedAt: null });
    });
    return toPayload('program', outcome);
  }
}
