/**
 * Bulk import: a format parser's items, streamed into batches that go through the same services
 * as the GraphQL mutation (so both paths validate and store identical rows), one transaction per
 * batch. Only the last step differs: verdict rows go in by COPY and one INSERT … SELECT. Memory
 * stays bounded by the batch size whatever the file's size.
 */
import type { Database } from '../db/client';
import { batchesOf } from '../domain/batches';
import type { ImportItem, ResponseRecord } from '../domain/import-item';
import { recordPrompts, recordResponses } from './catalog-import';
import type { ItemResult, PromptRecord, VerdictRecord } from '../domain/verdict-record';
import { insertByCopy } from './verdict-insert';
import { recordVerdicts, reserveVerdictIds } from './verdict-store';

/**
 * Verdicts per import transaction. Larger transactions measured no faster (the per-row work of
 * the insert, its indexes and foreign-key checks, dominates), but the importer's peak memory grew
 * with them (1M rows on PostgreSQL: 299 MB at 10,000; 100k rows: about 400 MB at 20,000).
 */
export const IMPORT_BATCH_SIZE = 5_000;
export const MAX_IMPORT_BATCH_SIZE = 50_000;
/** Verdict batches in flight on PostgreSQL: one per core of a two-core server (README, "Ingestion"). */
export const POSTGRES_PARALLEL_BATCHES = 2;

export interface ImportProblem {
  file: string;
  line: number;
  reason: string;
}

export interface ImportCounts {
  rows: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  skipped: number;
  /** Verdicts left without an answer on a side because the model has several answers to the prompt. */
  ambiguousAnswers: number;
}

export interface ImportSummary extends ImportCounts {
  /** The first problems (bad rows and rejected items), at most `maxProblems`. */
  problems: ImportProblem[];
  /** Problems beyond those listed. */
  moreProblems: number;
  /** True when `strict` stopped the import at the first problem. */
  stopped: boolean;
}

export interface ImportOptions {
  batchSize?: number;
  /**
   * Verdict batches stored at once, each in its own transaction on its own connection: on
   * PostgreSQL the server then works on both cores (2 measured fastest on this machine; README,
   * "Ingestion"). 1 on PGlite (one engine, one thread) and under `strict`.
   */
  parallelBatches?: number;
  /** Stop at the first bad row or rejected item (what was stored before it stays stored). */
  strict?: boolean;
  maxProblems?: number;
  /** Called after every stored batch and at the end. */
  onProgress?: (counts: ImportCounts) => void;
  /** Called for every problem as it is found. */
  onProblem?: (problem: ImportProblem) => void;
}

export class ImportStopped extends Error {}

type Pending<Record> = { line: number; record: Record }[];

export class Importer {
  private readonly summary: ImportSummary = {
    rows: 0,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    skipped: 0,
    ambiguousAnswers: 0,
    problems: [],
    moreProblems: 0,
    stopped: false,
  };
  private readonly batchSize: number;
  private readonly parallelBatches: number;
  /**
   * Verdict batches being stored while the parser reads the next one, oldest first, each with
   * its idempotency keys: a batch sharing a key with one in flight waits for it, so the first
   * occurrence in the file is the one stored, as when batches go one at a time.
   */
  private inFlight: { storing: Promise<void>; keys: Set<string> }[] = [];

  constructor(
    private readonly db: Database,
    private readonly options: ImportOptions = {},
  ) {
    this.batchSize = Math.min(options.batchSize ?? IMPORT_BATCH_SIZE, MAX_IMPORT_BATCH_SIZE);
    this.parallelBatches = options.strict ? 1 : Math.max(1, options.parallelBatches ?? 1);
  }

  /**
   * Imports one source's items; call again for the next file, then `finish()`. Items that come
   * in batches (`Batched`) are taken a batch per async step.
   */
  async importItems(file: string, items: AsyncIterable<ImportItem>): Promise<void> {
    const verdicts: Pending<VerdictRecord> = [];
    const prompts: Pending<PromptRecord> = [];
    const responses: Pending<ResponseRecord> = [];
    try {
      for await (const batch of batchesOf(items))
        for (const item of batch) {
          this.summary.rows += 1;
          switch (item.kind) {
            case 'verdict':
              verdicts.push(item);
              if (verdicts.length >= this.batchSize)
                await this.storeVerdictsInBackground(file, verdicts);
              break;
            case 'prompt':
              prompts.push(item);
              if (prompts.length >= this.batchSize)
                await this.flush(file, prompts, (records) => recordPrompts(this.db, records));
              break;
            case 'response':
              responses.push(item);
              if (responses.length >= this.batchSize)
                await this.flush(file, responses, (records) => this.storeResponses(records));
              break;
            case 'skipped':
              this.summary.skipped += 1;
              break;
            case 'error':
              // Under --strict everything before the bad row is stored, nothing after it.
              if (this.options.strict) await this.flushAll(file, prompts, responses, verdicts);
              this.summary.rejected += 1;
              this.problem({ file, line: item.line, reason: item.reason });
              break;
          }
        }
      await this.flushAll(file, prompts, responses, verdicts);
    } catch (error) {
      // Whatever failed, the batches still in flight must settle before this file is done with.
      const settling = this.inFlight.map(({ storing }) => storing.catch(() => undefined));
      this.inFlight = [];
      await Promise.all(settling);
      if (error instanceof ImportStopped) {
        this.summary.stopped = true;
        return;
      }
      throw error;
    }
  }

  /**
   * Starts storing a full batch and returns once fewer than `parallelBatches` are in flight, so
   * parsing overlaps the database's work. The batch's verdict ids are reserved here, in file
   * order, so ids follow the file whichever batch commits first.
   */
  private async storeVerdictsInBackground(
    file: string,
    verdicts: Pending<VerdictRecord>,
  ): Promise<void> {
    const keys = new Set<string>();
    for (const { record } of verdicts) {
      const key = record.idempotencyKey?.trim();
      if (key) keys.add(key);
    }
    const overlaps = (other: Set<string>) => [...keys].some((key) => other.has(key));
    while (
      this.inFlight.length >= this.parallelBatches ||
      this.inFlight.some((batch) => overlaps(batch.keys))
    ) {
      // A failure surfaces here, at the latest with the next batch.
      const oldest = this.inFlight[0];
      try {
        await oldest.storing;
      } finally {
        this.inFlight = this.inFlight.filter((batch) => batch !== oldest);
      }
    }
    const batch = verdicts.splice(0, verdicts.length);
    const ids = await reserveVerdictIds(this.db, batch.length);
    const storing = this.flush(file, batch, (records) => this.storeVerdicts(file, records, ids));
    // Failures surface when the batch is awaited; until then the rejection is held here.
    storing.catch(() => undefined);
    this.inFlight.push({ storing, keys });
  }

  /** Prompts first, so that answers and verdicts in the same file find them. */
  private async flushAll(
    file: string,
    prompts: Pending<PromptRecord>,
    responses: Pending<ResponseRecord>,
    verdicts: Pending<VerdictRecord>,
  ): Promise<void> {
    await this.awaitInFlight();
    await this.flush(file, prompts, (records) => recordPrompts(this.db, records));
    await this.flush(file, responses, (records) => this.storeResponses(records));
    await this.flush(file, verdicts, (records) => this.storeVerdicts(file, records));
  }

  private async storeVerdicts(
    file: string,
    records: VerdictRecord[],
    reservedIds?: number[],
  ): Promise<ItemResult[]> {
    const stored = await recordVerdicts(
      this.db,
      records,
      `import:${file}`,
      { apiKeyId: null },
      insertByCopy,
      reservedIds,
    );
    this.summary.ambiguousAnswers += stored.ambiguousAnswers;
    return stored.results;
  }

  private async storeResponses(records: ResponseRecord[]): Promise<ItemResult[]> {
    const stored = await recordResponses(this.db, records);
    this.summary.ambiguousAnswers += stored.ambiguousAnswers;
    return stored.results;
  }

  /** Every batch in flight stored (the first failure is thrown once all have settled). */
  private async awaitInFlight(): Promise<void> {
    const batches = this.inFlight;
    this.inFlight = [];
    const settled = await Promise.allSettled(batches.map(({ storing }) => storing));
    const failed = settled.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  }

  finish(): ImportSummary {
    this.options.onProgress?.(this.summary);
    return this.summary;
  }

  get stopped(): boolean {
    return this.summary.stopped;
  }

  private async flush<Record>(
    file: string,
    pending: Pending<Record>,
    store: (records: Record[]) => Promise<ItemResult[]>,
  ): Promise<void> {
    if (pending.length === 0) return;
    const batch = pending.splice(0, pending.length);
    const results = await store(batch.map((item) => item.record));
    for (const result of results) {
      if (result.status === 'ACCEPTED') this.summary.accepted += 1;
      else if (result.status === 'DUPLICATE') this.summary.duplicates += 1;
    }
    this.options.onProgress?.(this.summary);
    for (const result of results) {
      if (result.status !== 'REJECTED') continue;
      this.summary.rejected += 1;
      const reason = result.userErrors
        .map((error) => `${error.code} ${error.field}: ${error.message}`)
        .join('; ');
      this.problem({ file, line: batch[result.index].line, reason });
    }
  }

  private problem(problem: ImportProblem): void {
    this.options.onProblem?.(problem);
    if (this.summary.problems.length < (this.options.maxProblems ?? 1000))
      this.summary.problems.push(problem);
    else this.summary.moreProblems += 1;
    if (this.options.strict)
      throw new ImportStopped(`${problem.file}:${problem.line}: ${problem.reason}`);
  }
}
