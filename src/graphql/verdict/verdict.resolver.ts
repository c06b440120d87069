import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { pageOfVerdicts } from '../../services/pages';
import { MAX_BATCH_SIZE, recordVerdicts } from '../../services/verdict-store';
import {
  AFTER_DESCRIPTION,
  FIRST_DESCRIPTION,
  pageRequest,
  toConnection,
} from '../common/connection';
import { badUserInput } from '../common/errors';
import { asInstance } from '../common/instance';
import { thenReady } from '../common/ready-loader';
import type { Context } from '../context';
import { Judge } from '../judge/judge.type';
import { Model } from '../model/model.type';
import { Prompt } from '../prompt/prompt.type';
import { Response } from '../response/response.type';
import {
  DeleteVerdictsPayload,
  RecordVerdictsPayload,
  VerdictResult,
} from './record-verdicts.payload';
import { toVerdictFilter, VERDICT_ID, VerdictFilterInput, verdictId } from './verdict-filter.input';
import { deleteVerdicts } from '../../services/verdict-deletion';
import { RecordVerdictsInput, type VerdictInput } from './verdict.input';
import type { VerdictRecord } from '../../domain/verdict-record';
import { loadNestedRows } from './nested-rows';
import { Verdict, VerdictConnection } from './verdict.type';
import { present } from '../../domain/invariant';

@Resolver(() => Verdict)
export class VerdictResolver {
  @Query(() => VerdictConnection, { description: 'Verdicts in the order they were stored.' })
  async verdicts(
    @Ctx() { db, loaders }: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('first', () => Int, { nullable: true, description: FIRST_DESCRIPTION }) first?: number,
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION }) after?: string,
    @Arg('filter', () => VerdictFilterInput, {
      description: 'Only these verdicts; default all.',
      nullable: true,
    })
    filter?: VerdictFilterInput,
  ): Promise<VerdictConnection> {
    const request = pageRequest(first, after);
    const page = await pageOfVerdicts(db, toVerdictFilter(filter), request);
    await loadNestedRows(loaders, page.rows, info);
    return toConnection(
      { ...page, rows: page.rows.map((row) => asInstance(Verdict, row)) },
      request,
    );
  }

  @Query(() => Verdict, {
    description: 'One verdict by id; null when there is none.',
    nullable: true,
  })
  async verdict(
    @Arg('id', () => ID, { description: "The verdict's id." }) id: string,
    @Ctx() { loaders }: Context,
  ): Promise<Verdict | null> {
    return await loaders.verdict.load(verdictId(id, 'id'));
  }

  @Mutation(() => RecordVerdictsPayload, {
    description:
      'Stores up to 5,000 verdicts in one transaction. Bad items are rejected one by one in `results`; the rest are stored.',
  })
  async recordVerdicts(
    @Arg('input', () => RecordVerdictsInput, {
      description: 'The verdicts to store (at most the batch limit per request).',
    })
    input: RecordVerdictsInput,
    @Ctx() { db, principal }: Context,
  ): Promise<RecordVerdictsPayload> {
    if (input.verdicts.length > MAX_BATCH_SIZE) {
      throw badUserInput(
        `input.verdicts must hold at most ${MAX_BATCH_SIZE} verdicts, but got ${input.verdicts.length}; split the batch.`,
        'input.verdicts',
      );
    }
    // Every field listed: a rest pattern, or a spread followed by `supersedes`, gives each of the
    // 5,000 records a hidden class of its own on Node 20's V8, and every later read of them is
    // then megamorphic (README, "Round VI: object spread on hot paths"). `satisfies` makes a field added to
    // VerdictInput fail to compile here until it is listed.
    const records = input.verdicts.map(
      (verdict): VerdictRecord =>
        ({
          judge: verdict.judge,
          judgeKind: verdict.judgeKind,
          judgeVersion: verdict.judgeVersion,
          judgeModel: verdict.judgeModel,
          prompt: verdict.prompt,
          modelA: verdict.modelA,
          modelB: verdict.modelB,
          responseA: verdict.responseA,
          responseB: verdict.responseB,
          responseATokens: verdict.responseATokens,
          responseBTokens: verdict.responseBTokens,
          outcome: verdict.outcome,
          preferenceA: verdict.preferenceA,
          judgment: verdict.judgment,
          shownFirst: verdict.shownFirst,
          idempotencyKey: verdict.idempotencyKey,
          createdAt: verdict.createdAt,
          supersedes: supersededId(verdict.supersedes),
        }) satisfies Record<keyof VerdictInput, unknown>,
    );
    return (await recordVerdicts(db, records, 'api', {
      apiKeyId: principal?.apiKeyId ?? null,
    })) as RecordVerdictsPayload;
  }

  @Mutation(() => DeleteVerdictsPayload, {
    description:
      'Admin: deletes the verdicts matching the filter (at least one condition), and records it in the audit log.',
  })
  async deleteVerdicts(
    @Arg('filter', () => VerdictFilterInput, {
      description: 'Which verdicts to delete; at least one condition is required.',
    })
    filter: VerdictFilterInput,
    @Ctx() { db, principal }: Context,
  ): Promise<DeleteVerdictsPayload> {
    return {
      deleted: await deleteVerdicts(
        db,
        { includeSuperseded: true, ...toVerdictFilter(filter) },
        principal?.apiKeyId ?? null,
      ),
    };
  }

  // Not async: a row the page loaded up front is returned in the same tick (nested-rows.ts).
  @FieldResolver(() => Judge, { description: 'The judge version that decided.' })
  judge(@Root() verdict: Verdict, @Ctx() { loaders }: Context): Judge | Promise<Judge> {
    return thenReady(
      loaders.judge.loadReady(verdict.judgeId),
      (judge) => present(judge, `judge ${verdict.judgeId}`) as Judge,
    );
  }

  @FieldResolver(() => Prompt, { description: 'The prompt judged.' })
  prompt(@Root() verdict: Verdict, @Ctx() { loaders }: Context): Prompt | Promise<Prompt> {
    return thenReady(loaders.prompt.loadReady(verdict.promptId), (prompt) =>
      present(prompt, `prompt ${verdict.promptId}`),
    );
  }

  @FieldResolver(() => Model, { description: 'The model whose answer is A.' })
  modelA(@Root() verdict: Verdict, @Ctx() { loaders }: Context): Model | Promise<Model> {
    return thenReady(loaders.model.loadReady(verdict.modelAId), (model) =>
      present(model, `model ${verdict.modelAId}`),
    );
  }

  @FieldResolver(() => Model, { description: 'The model whose answer is B.' })
  modelB(@Root() verdict: Verdict, @Ctx() { loaders }: Context): Model | Promise<Model> {
    return thenReady(loaders.model.loadReady(verdict.modelBId), (model) =>
      present(model, `model ${verdict.modelBId}`),
    );
  }

  @FieldResolver(() => Response, {
    description: "Model A's answer, when it was stored.",
    nullable: true,
  })
  responseA(
    @Root() verdict: Verdict,
    @Ctx() { loaders }: Context,
  ): Response | null | Promise<Response | null> {
    return verdict.responseAId === null ? null : loaders.response.loadReady(verdict.responseAId);
  }

  @FieldResolver(() => Response, {
    description: "Model B's answer, when it was stored.",
    nullable: true,
  })
  responseB(
    @Root() verdict: Verdict,
    @Ctx() { loaders }: Context,
  ): Response | null | Promise<Response | null> {
    return verdict.responseBId === null ? null : loaders.response.loadReady(verdict.responseBId);
  }
}

/** A malformed id becomes NaN, which the store rejects for that item alone. */
function supersededId(id: string | undefined | null): number | null {
  return id === undefined || id === null ? null : VERDICT_ID.test(id) ? Number(id) : Number.NaN;
}

@Resolver(() => VerdictResult)
export class VerdictResultResolver {
  @FieldResolver(() => Verdict, {
    nullable: true,
    description: 'The stored verdict (for DUPLICATE, the one stored earlier).',
  })
  async verdict(
    @Root() result: VerdictResult,
    @Ctx() { loaders }: Context,
  ): Promise<Verdict | null> {
    return result.verdictId === null ? null : await loaders.verdict.load(result.verdictId);
  }
}
