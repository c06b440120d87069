/** Shared data-version reads: a caller is answered only by a read sent after it asked. */
import { DataVersionReader } from '../../src/services/data-version';

/** A database whose reads of the version answer when the test says so. */
function fakeDatabase() {
  const pending: ((version: number) => void)[] = [];
  const db = {
    execute: () => new Promise((resolve) => pending.push((version) => resolve({ rows: [{ version }] }))),
  };
  return { db: db as never, pending };
}

test('a caller arriving during a read waits for the next read, which later callers share', async () => {
  const { db, pending } = fakeDatabase();
  const reader = new DataVersionReader(db);
  const first = reader.read();
  const second = reader.read();
  const third = reader.read();
  expect(pending).toHaveLength(1);
  pending[0](1); // a write lands after this read, before the next
  expect(await first).toBe(1);
  await new Promise((resolve) => setImmediate(resolve));
  expect(pending).toHaveLength(2);
  pending[1](2);
  expect(await second).toBe(2);
  expect(await third).toBe(2);
});

test('a failed read fails its callers, and the next caller reads again', async () => {
  let fail = true;
  const db = { execute: async () => { if (fail) throw new Error('connection lost'); return { rows: [{ version: 7 }] }; } };
  const reader = new DataVersionReader(db as never);
  await expect(reader.read()).rejects.toThrow('connection lost');
  fail = false;
  expect(await reader.read()).toBe(7);
});
