/**
 * Which GraphQL documents the response cache may answer: queries whose every root field is a pure
 * function of its arguments and of the data the data version covers (every write to verdicts,
 * prompts, responses or the counts bumps it). Everything else, mutations above all, always runs.
 */
import { Kind, OperationTypeNode, parse, visit, type DocumentNode } from 'graphql';

/**
 * Root fields whose answers change only with writes that bump the data version. Lists of
 * models, judges or prompts are left out: a model or prompt can be created without a bump.
 */
const CACHEABLE_ROOT_FIELDS = new Set(['leaderboard', 'verdicts', 'verdict', '__typename']);

/**
 * `Leaderboard.cached` says whether this server computed the answer before; a stored response
 * would repeat the first answer's `false`, so documents asking for it go to the leaderboard cache.
 */
const PER_ANSWER_FIELDS = new Set(['cached']);

/** Longer documents are not analysed (nor cached): the cache is for the same small query sent often. */
const MAX_DOCUMENT_LENGTH = 20_000;

export interface DocumentAnalysis {
  cacheable: boolean;
  /** Names of the document's operations (null for an anonymous one), for the request log. */
  operationNames: (string | null)[];
}

const NOT_CACHEABLE: DocumentAnalysis = { cacheable: false, operationNames: [] };

/** Parses each distinct document once; the most recently seen `capacity` are remembered. */
export class DocumentAnalyses {
  private readonly analyses = new Map<string, DocumentAnalysis>();

  constructor(private readonly capacity = 500) {}

  of(query: string): DocumentAnalysis {
    if (query.length > MAX_DOCUMENT_LENGTH) return NOT_CACHEABLE;
    let analysis = this.analyses.get(query);
    if (analysis) {
      this.analyses.delete(query);
    } else {
      analysis = analyse(query);
      if (this.analyses.size >= this.capacity)
        this.analyses.delete(this.analyses.keys().next().value as string);
    }
    this.analyses.set(query, analysis);
    return analysis;
  }
}

function analyse(query: string): DocumentAnalysis {
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: true });
  } catch {
    return NOT_CACHEABLE; // Apollo answers with the syntax error
  }
  const operationNames: (string | null)[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) continue;
    if (
      definition.kind !== Kind.OPERATION_DEFINITION ||
      definition.operation !== OperationTypeNode.QUERY
    )
      return NOT_CACHEABLE;
    // Root fields only, no fragments at the root: the field names are then all there is to check.
    const rootFieldsCacheable = definition.selectionSet.selections.every(
      (selection) =>
        selection.kind === Kind.FIELD && CACHEABLE_ROOT_FIELDS.has(selection.name.value),
    );
    if (!rootFieldsCacheable) return NOT_CACHEABLE;
    operationNames.push(definition.name?.value ?? null);
  }
  let asksPerAnswer = false;
  visit(document, {
    Field(node) {
      if (PER_ANSWER_FIELDS.has(node.name.value)) asksPerAnswer = true;
    },
  });
  return asksPerAnswer ? NOT_CACHEABLE : { cacheable: true, operationNames };
}
