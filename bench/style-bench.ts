export async function runStyleBench(_argv: string[]): Promise<void> {
  throw new Error('not yet');
}
