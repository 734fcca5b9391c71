import { describe, expect, it } from 'vitest';
import { createProgressBar, renderBar } from './progress-bar.js';
import { dollars, formatTable, percent, seconds } from './text-table.js';

describe('progress bar', () => {
  it('renders a share of the width', () => {
    expect(renderBar('openb B1', 50, 200, 8)).toBe('[##------]  25%  50/200  openb B1');
    expect(renderBar('x', 7, 7, 4)).toBe('[####] 100%  7/7  x');
    expect(renderBar('x', 0, 0, 4)).toBe('[####] 100%  0/0  x');
  });

  it('redraws in place on a terminal and writes one line otherwise', () => {
    const writes: string[] = [];
    const tty = createProgressBar({ isTTY: true, write: (text: string) => writes.push(text) }, 'run');
    tty.update(1, 2);
    tty.finish('12 ms');
    expect(writes[0]?.startsWith('\r[')).toBe(true);
    expect(writes.at(-1)).toBe(`\r${renderBar('run', 1, 2)}  12 ms\u001b[K\n`);
    const lines: string[] = [];
    const pipe = createProgressBar({ write: (text: string) => lines.push(text) }, 'run');
    pipe.update(1, 2);
    pipe.update(2, 2);
    pipe.finish();
    expect(lines).toEqual([`${renderBar('run', 2, 2)}\n`]);
  });
});

describe('text table', () => {
  it('aligns the first column left and the others right', () => {
    expect(
      formatTable(
        ['policy', 'jobs'],
        [
          ['B1', '5'],
          ['cost-optimal', '1,234'],
        ],
      ),
    ).toBe(['policy         jobs', '------------  -----', 'B1                5', 'cost-optimal  1,234'].join('\n'));
  });

  it('formats dollars, seconds and percents', () => {
    expect([dollars(0.123), dollars(12_345.6), seconds(12.34), seconds(1234.5), percent(0.1234)]).toEqual([
      '0.12',
      '12,346',
      '12.3',
      '1,235',
      '12.3',
    ]);
  });
});
