/**
 * The scheduling of live recomputations (serial-computations.ts, write-activity.ts): they overlap
 * while no write is served, give way to writes in flight, and still run under writes that never
 * pause. Only the order of events is checked here; the writers' pace is `npm run bench`'s.
 */
import { SerialComputations } from '../../src/graphql/subscriptions/serial-computations';
import { WriteActivity } from '../../src/graphql/subscriptions/write-activity';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
async function turns(count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) await turn();
}

test('without writes, two computations are under way at once and a third waits for a slot', async () => {
  const computations = new SerialComputations({ concurrency: 2, writes: new WriteActivity(0) });
  const started: number[] = [];
  const release: (() => void)[] = [];
  const computation = (id: number) =>
    computations.run(async () => {
      started.push(id);
      await new Promise<void>((resolve) => release.push(resolve));
      return id;
    });
  const results = [computation(1), computation(2), computation(3)];
  await turns(10);
  expect(started).toEqual([1, 2]);
  release[0]();
  await results[0];
  await turns(10);
  expect(started).toEqual([1, 2, 3]);
  release[1]();
  release[2]();
  expect(await Promise.all(results)).toEqual([1, 2, 3]);
});

test('a computation asked while a write is served starts only once the write has ended', async () => {
  const writes = new WriteActivity(0);
  // A share this small makes any earlier computation's duration a long wait beside writes.
  const computations = new SerialComputations({ writes, shareBesideWrites: 1e-9 });
  await computations.run(turn);
  const endWrite = writes.begin();
  let started = false;
  const computed = computations.run(() => {
    started = true;
    return Promise.resolve('board');
  });
  await turns(20);
  expect(started).toBe(false);
  endWrite();
  await expect(computed).resolves.toBe('board');
});

test('under writes that never pause, computations still run, one at a time', async () => {
  const writes = new WriteActivity(0);
  const computations = new SerialComputations({
    concurrency: 2,
    writes,
    shareBesideWrites: 1,
  });
  writes.begin();
  let running = 0;
  let mostAtOnce = 0;
  const computation = () =>
    computations.run(async () => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await turns(3);
      running -= 1;
    });
  await Promise.all([computation(), computation(), computation()]);
  expect(mostAtOnce).toBe(1);
});

test('writes are quiet only once none has been in flight for the quiet time', async () => {
  const writes = new WriteActivity(60_000);
  expect(writes.quiet).toBe(true);
  const end = writes.begin();
  expect(writes.quiet).toBe(false);
  end();
  end(); // ending twice counts once
  expect(writes.quiet).toBe(false);
  // A deadline already past resolves at once, quiet or not.
  await writes.untilQuiet(performance.now());
  expect(writes.quiet).toBe(false);
});
