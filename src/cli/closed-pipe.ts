/**
 * `verdicts export … | head`: once the reader has gone, the rest of the output has nowhere to go.
 * Unix tools end quietly then (SIGPIPE); Node reports `write EPIPE` instead. Exit 0 at once,
 * without a message: the data directory's lock is released by its exit handler.
 */
export function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}
