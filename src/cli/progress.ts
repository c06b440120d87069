/**
 * Import progress on stderr: a line rewritten in place on a terminal, plain lines at most every
 * few seconds otherwise (CI logs, pipes).
 */
import type { ImportCounts } from '../services/importer';

const PLAIN_INTERVAL_MS = 5000;

export class ProgressReporter {
  private readonly started = Date.now();
  private lastPlain = 0;
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly quiet = false,
  ) {}

  update(label: string, counts: ImportCounts): void {
    if (this.quiet) return;
    const line = `${label}: ${format(counts, this.started)}`;
    if (this.stream.isTTY) {
      this.stream.write(`\r\x1b[2K${line.slice(0, (this.stream.columns ?? 120) - 1)}`);
      this.drawn = true;
    } else if (Date.now() - this.lastPlain >= PLAIN_INTERVAL_MS) {
      this.lastPlain = Date.now();
      this.stream.write(`${line}\n`);
    }
  }

  /** Writes a message on its own line, below the progress line. */
  message(text: string): void {
    this.clear();
    this.stream.write(`${text}\n`);
  }

  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }

  elapsedSeconds(): number {
    return (Date.now() - this.started) / 1000;
  }
}

function format(counts: ImportCounts, started: number): string {
  const seconds = Math.max((Date.now() - started) / 1000, 1e-3);
  return (
    `${counts.rows.toLocaleString('en-US')} rows (${Math.round(counts.rows / seconds).toLocaleString('en-US')}/s) · ` +
    `accepted ${counts.accepted.toLocaleString('en-US')} · duplicates ${counts.duplicates.toLocaleString('en-US')} · ` +
    `rejected ${counts.rejected.toLocaleString('en-US')} · skipped ${counts.skipped.toLocaleString('en-US')}`
  );
}
