import { Readable } from 'node:stream';
import { splitJsonArray } from '../../src/ingest/json-array';
import { readJsonRecords } from '../../src/ingest/json-records';
import { readSourceLines } from '../../src/ingest/read-lines';

it('bench', async () => {
  const rows = Array.from({ length: 100000 }, (_, i) => ({ question_id: `q${i}`, model_a: 'a' + (i % 7), model_b: 'b' + (i % 5), winner: 'model_a', judge: `u${i}`, tstamp: 1.7e9 + i, language: 'English', anony: true,
    conversation_a: [{ role: 'user', content: 'hello "there" \\ ' + i }, { role: 'assistant', content: 'resp '.repeat(50) }],
    conversation_b: [{ role: 'user', content: 'hello there ' + i }, { role: 'assistant', content: 'other '.repeat(50) }] }));
  const pretty = Buffer.from(JSON.stringify(rows, null, 2));
  let t = Date.now(); let n = 0;
  for await (const _ of readSourceLines(Readable.from([pretty]))) n++;
  console.log('lines', n, Date.now() - t);
  t = Date.now(); n = 0;
  for await (const _ of splitJsonArray(readSourceLines(Readable.from([pretty])))) n++;
  console.log('split', n, Date.now() - t);
  t = Date.now(); n = 0;
  for await (const _ of readJsonRecords(readSourceLines(Readable.from([pretty])))) n++;
  console.log('records', n, Date.now() - t);
}, 120000);
