// Record a judge's verdicts in Verdicts over GraphQL with graphql-request.
import { GraphQLClient, gql } from 'graphql-request';

const url = process.env.VERDICTS_URL ?? 'http://127.0.0.1:4000/graphql';
const apiKey = process.env.VERDICTS_API_KEY; // verdicts keys create --scope write --name my-pipeline
if (!apiKey) throw new Error('Set VERDICTS_API_KEY to a key with the write scope.');

const client = new GraphQLClient(url, { headers: { Authorization: `Bearer ${apiKey}` } });

const RECORD = gql`
  mutation Record($input: RecordVerdictsInput!) {
    recordVerdicts(input: $input) {
      accepted
      duplicates
      rejected
      results {
        index
        status
        userErrors {
          code
          field
          message
        }
      }
    }
  }
`;

interface RecordResult {
  recordVerdicts: {
    accepted: number;
    duplicates: number;
    rejected: number;
    results: { index: number; status: string; userErrors: { code: string; message: string }[] }[];
  };
}

const judge = { judge: 'gpt-4-1106-preview', judgeKind: 'LLM', judgeVersion: 'arena-hard-v0.1' };

async function main(): Promise<void> {
  // One swap pair: the judge saw each order once. The idempotency keys make a re-run store nothing.
  const { recordVerdicts } = await client.request<RecordResult>(RECORD, {
    input: {
      verdicts: [
        {
          ...judge,
          prompt: {
            externalId: 'ts-q1',
            text: 'Explain a B-tree to a child.',
            category: 'explain',
          },
          modelA: 'gpt-4-0613',
          modelB: 'claude-2',
          outcome: 'A_MUCH_BETTER',
          shownFirst: 'A',
          idempotencyKey: 'ts-q1-game1',
        },
        {
          ...judge,
          prompt: { externalId: 'ts-q1' },
          modelA: 'claude-2',
          modelB: 'gpt-4-0613',
          shownFirst: 'A',
          judgment: 'Assistant B is far clearer. My final verdict is [[B>>A]].',
          idempotencyKey: 'ts-q1-game2',
        },
      ],
    },
  });
  for (const item of recordVerdicts.results) {
    if (item.status === 'REJECTED') console.log(item.index, item.userErrors);
  }
  const { accepted, duplicates, rejected } = recordVerdicts;
  console.log(`accepted ${accepted}, duplicates ${duplicates}, rejected ${rejected}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
