import type { TestServer } from './test-server';

const RECORD = `mutation ($input: RecordVerdictsInput!) {
  recordVerdicts(input: $input) { accepted duplicates rejected results { status userErrors { code message } } }
}`;

/** Sends verdicts through the real mutation in batches of up to 5,000 and checks each was stored. */
export async function recordAll(
  server: TestServer,
  verdicts: Record<string, unknown>[],
  batchSize = 5000,
): Promise<void> {
  for (let start = 0; start < verdicts.length; start += batchSize) {
    const result = await server.graphql(RECORD, {
      input: { verdicts: verdicts.slice(start, start + batchSize) },
    });
    if (result.errors) throw new Error(`recordVerdicts failed: ${JSON.stringify(result.errors)}`);
    const payload = result.data.recordVerdicts;
    if (payload.rejected > 0) {
      const firstError = payload.results.find((r: any) => r.status === 'REJECTED');
      throw new Error(
        `recordVerdicts rejected ${payload.rejected} items, e.g. ${JSON.stringify(firstError)}`,
      );
    }
  }
}
