import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { printVerdictsSchema } from '../../src/graphql/schema';

test('the committed schema.graphql is what the code emits (run `npm run schema:emit` when this fails)', async () => {
  const committed = await readFile(path.join(__dirname, '..', '..', 'schema.graphql'), 'utf8');
  expect(committed).toBe(await printVerdictsSchema());
});
