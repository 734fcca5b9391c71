import { describe, expect, it } from 'vitest';
import { numberField, parseCsv, splitCsvLine } from './csv.js';

describe('CSV reader', () => {
  it('splits plain and quoted fields', () => {
    expect(splitCsvLine('a,,c')).toEqual(['a', '', 'c']);
    expect(splitCsvLine('"A10 / A10G",24,"x, y","say ""hi"""')).toEqual(['A10 / A10G', '24', 'x, y', 'say "hi"']);
  });

  it('keys rows by header, skips blank lines and checks required columns', () => {
    const rows = parseCsv('gpu,vram_gb\r\nT4,16\n\nA10,24\n', ['gpu']);
    expect(rows).toEqual([
      { gpu: 'T4', vram_gb: '16' },
      { gpu: 'A10', vram_gb: '24' },
    ]);
    expect(() => parseCsv('gpu\nT4', ['vram_gb'])).toThrow(/lacks vram_gb/);
  });

  it('reads numbers, undefined when empty or not a number', () => {
    const [row] = parseCsv('a,b,c\n1.5,,x');
    expect(row && numberField(row, 'a')).toBe(1.5);
    expect(row && numberField(row, 'b')).toBeUndefined();
    expect(row && numberField(row, 'c')).toBeUndefined();
  });
});
