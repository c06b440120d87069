/**
 * Worker threads for the rating step of leaderboards (rating-task.ts). A bootstrap or a style
 * fit over a large slice is seconds of pure CPU; on the server's own thread it would hold every
 * other request (`/healthz`, queries, WebSocket pings) for as long (issue 19: 11 s). Here the
 * reads stay on the server's thread and the math runs in a small pool; tasks beyond the pool's
 * size wait in order, so the pool also bounds how many cores ratings take.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LeaderboardRatings } from './leaderboard-types';
import type { RatingAnswerMessage } from './rating-worker';
import { transferredBuffers, type RatingRunner, type RatingTask } from './rating-task';

interface Job {
  task: RatingTask;
  resolve(ratings: LeaderboardRatings): void;
  reject(error: Error): void;
}

/**
 * The compiled worker beside this file; when this file runs from TypeScript source (the tests,
 * through ts-jest), the build's copy in dist/ (npm test builds first when sources changed).
 */
function workerScript(): string {
  const beside = path.join(__dirname, 'rating-worker.js');
  if (existsSync(beside)) return beside;
  return path.resolve(__dirname, '..', '..', 'dist', 'services', 'rating-worker.js');
}

export class RatingWorkers implements RatingRunner {
  private readonly idle: Worker[] = [];
  private readonly waiting: Job[] = [];
  private readonly all = new Set<Worker>();
  private nextId = 0;
  private running = 0;
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly script = workerScript(),
  ) {
    if (!Number.isSafeInteger(size) || size < 1)
      throw new RangeError(`RatingWorkers: expected a pool size >= 1, received ${size}`);
  }

  /** Tasks being computed now (at most the pool's size). */
  get busy(): number {
    return this.running;
  }

  run(task: RatingTask): Promise<LeaderboardRatings> {
    if (this.closed) return Promise.reject(new Error('The rating workers are closed.'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ task, resolve, reject });
      this.dispatch();
    });
  }

  /** Ends every worker; waiting and running tasks fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) job.reject(new Error('The rating workers closed.'));
    await Promise.all([...this.all].map((worker) => worker.terminate()));
  }

  private dispatch(): void {
    while (!this.closed && this.waiting.length > 0) {
      const worker = this.idle.pop() ?? (this.all.size < this.size ? this.spawn() : null);
      if (worker === null) return;
      const job = this.waiting.shift();
      if (job) this.assign(worker, job);
    }
  }

  private spawn(): Worker {
    const worker = new Worker(this.script);
    worker.unref(); // a server closing, or a CLI ending, never waits on an idle worker
    this.all.add(worker);
    return worker;
  }

  private assign(worker: Worker, job: Job): void {
    const id = this.nextId++;
    this.running += 1;
    const finish = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onFailure);
      worker.off('exit', onExit);
      this.running -= 1;
    };
    const onMessage = (answer: RatingAnswerMessage): void => {
      if (answer.id !== id) return;
      finish();
      this.idle.push(worker);
      if ('ratings' in answer) job.resolve(answer.ratings);
      else job.reject(rebuiltError(answer.error));
      this.dispatch();
    };
    // A worker that dies (out of memory, a crash) fails its task only; the next task gets a new one.
    const onFailure = (error: Error): void => {
      finish();
      this.all.delete(worker);
      void worker.terminate();
      job.reject(new Error(`A rating worker failed: ${error.message}`, { cause: error }));
      this.dispatch();
    };
    const onExit = (code: number): void => onFailure(new Error(`it exited with code ${code}`));
    worker.on('message', onMessage);
    worker.once('error', onFailure);
    worker.once('exit', onExit);
    try {
      worker.postMessage({ id, task: job.task }, transferredBuffers(job.task));
    } catch (error) {
      // A task that cannot be sent (its rows handed to a worker already, say) fails alone: the
      // worker never saw it and goes back to the pool.
      finish();
      this.idle.push(worker);
      job.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

function rebuiltError(sent: { name: string; message: string; stack: string | undefined }): Error {
  const error = new Error(sent.message);
  error.name = sent.name;
  if (sent.stack) error.stack = sent.stack;
  return error;
}
