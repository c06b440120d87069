import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { present } from '../../domain/invariant';
import { LIMITS } from '../../domain/limits';
import { searchPrompts } from '../../services/prompt-search';
import { AFTER_DESCRIPTION, FIRST_DESCRIPTION, pageSize } from '../common/connection';
import type { Context } from '../context';
import { Judge } from '../judge/judge.type';
import { Prompt } from '../prompt/prompt.type';
import { Response } from '../response/response.type';
import { decodeSearchCursor, encodeSearchCursor } from './search-cursor';
import {
  AnswerMatch,
  PromptBattles,
  PromptSearchConnection,
  PromptSearchHit,
  SnippetPart,
} from './search.type';

const DEFAULT_BATTLES = 10;
const MAX_BATTLES = 100;

@Resolver()
export class SearchResolver {
  @Query(() => PromptSearchConnection, {
    description: `Full-text search over prompts and their answers (PostgreSQL \`websearch_to_tsquery\`, English stemming: "quoted phrases", \`or\`, \`-word\`), best match first. An empty query, one of more than ${LIMITS.searchQueryLength} characters, or one with no searchable word (only stop words) is a BAD_USER_INPUT error.`,
  })
  async search(
    @Ctx() { db }: Context,
    @Arg('query', () => String, { description: 'What to look for, as typed into a search box.' })
    query: string,
    @Arg('first', () => Int, { nullable: true, description: FIRST_DESCRIPTION }) first?: number,
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION }) after?: string,
  ): Promise<PromptSearchConnection> {
    const size = pageSize(first);
    const position = after ? decodeSearchCursor(after) : null;
    const page = await searchPrompts(db, query, { first: size, after: position });
    const edges = page.rows.map((hit) => ({
      cursor: encodeSearchCursor(hit),
      node: Object.assign(new PromptSearchHit(), { ...hit, query }),
    }));
    return {
      edges,
      nodes: edges.map((edge) => edge.node),
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: position !== null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    };
  }
}

@Resolver(() => PromptSearchHit)
export class PromptSearchHitResolver {
  @FieldResolver(() => Prompt, { description: 'The prompt.' })
  async prompt(@Root() hit: PromptSearchHit, @Ctx() { loaders }: Context): Promise<Prompt> {
    return present(await loaders.prompt.load(hit.promptId), `prompt ${hit.promptId}`);
  }

  @FieldResolver(() => [SnippetPart], {
    description:
      "The passages of the prompt's text around the matched words; null when only answers matched.",
    nullable: true,
  })
  async promptSnippet(
    @Root() hit: PromptSearchHit,
    @Ctx() { loaders }: Context,
  ): Promise<SnippetPart[] | null> {
    return (await loaders.searchMatches.load(hit)).promptSnippet;
  }

  @FieldResolver(() => [AnswerMatch], {
    description: 'The answers the query matched, in id order; empty when only the prompt matched.',
  })
  async matchedAnswers(
    @Root() hit: PromptSearchHit,
    @Ctx() { loaders }: Context,
  ): Promise<AnswerMatch[]> {
    const { answers } = await loaders.searchMatches.load(hit);
    return answers.map((answer) => Object.assign(new AnswerMatch(), answer));
  }

  @FieldResolver(() => PromptBattles, {
    description: 'The current verdicts fought on this prompt.',
  })
  async battles(
    @Root() hit: PromptSearchHit,
    @Ctx() { loaders }: Context,
    @Arg('first', () => Int, {
      nullable: true,
      description: `How many verdicts, at most ${MAX_BATTLES}; default ${DEFAULT_BATTLES}.`,
    })
    first?: number,
  ): Promise<PromptBattles> {
    const limit = pageSize(first, DEFAULT_BATTLES, MAX_BATTLES);
    const battles = await loaders.promptBattles.load({ promptId: hit.promptId, limit });
    const verdicts = await loaders.verdict.loadMany(battles.verdictIds);
    return Object.assign(new PromptBattles(), {
      totalCount: battles.total,
      verdicts: verdicts.map((verdict, index) =>
        present(verdict instanceof Error ? null : verdict, `verdict ${battles.verdictIds[index]}`),
      ),
    });
  }

  @FieldResolver(() => [Judge], {
    description: 'The judges (versions) with a current verdict on this prompt, in id order.',
  })
  async judges(@Root() hit: PromptSearchHit, @Ctx() { loaders }: Context): Promise<Judge[]> {
    const ids = await loaders.promptJudgeIds.load(hit.promptId);
    const judges = await loaders.judge.loadMany(ids);
    return judges.map((judge, index) =>
      present(judge instanceof Error ? null : judge, `judge ${ids[index]}`),
    ) as Judge[];
  }
}

@Resolver(() => AnswerMatch)
export class AnswerMatchResolver {
  @FieldResolver(() => Response, { description: 'The matched answer.' })
  async response(@Root() match: AnswerMatch, @Ctx() { loaders }: Context): Promise<Response> {
    return present(await loaders.response.load(match.responseId), `response ${match.responseId}`);
  }
}
