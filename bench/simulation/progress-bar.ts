/** Where the bar draws: `process.stderr` or a test double. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** A one-line text progress bar: redrawn in place on a terminal, one line per run otherwise. */
export interface ProgressBar {
  update(done: number, total: number): void;
  finish(note?: string): void;
}

/** `[##########----------]  50%  3,100/6,203  label` */
export function renderBar(label: string, done: number, total: number, width = 30): string {
  const share = total <= 0 ? 1 : Math.min(1, Math.max(0, done / total));
  const filled = Math.round(share * width);
  const percent = `${Math.floor(share * 100)}%`.padStart(4);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}  ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}  ${label}`;
}

/** Creates a bar; on a terminal it redraws at most every 50 ms. */
export function createProgressBar(stream: ProgressStream, label: string): ProgressBar {
  let last = { done: 0, total: 0 };
  let drawnAt = 0;
  const interactive = stream.isTTY === true;
  return {
    update(done, total) {
      last = { done, total };
      const now = Date.now();
      if (!interactive || now - drawnAt < 50) return;
      drawnAt = now;
      stream.write(`\r${renderBar(label, done, total)}\u001b[K`);
    },
    finish(note) {
      const line = `${renderBar(label, last.done, last.total)}${note ? `  ${note}` : ''}`;
      stream.write(interactive ? `\r${line}\u001b[K\n` : `${line}\n`);
    },
  };
}
