import { describe, expect, it } from 'vitest';
import { cellFlag, cellNumber, cellRequiresReset, cellText, parseSmiCsv } from './smi-csv.js';

describe('parseSmiCsv', () => {
  it('splits ", "-separated rows into named cells', () => {
    const text = '0, GPU-aaa, NVIDIA A100-SXM4-80GB, 81920\n1, GPU-bbb, NVIDIA GeForce RTX 4090, 24564\n';
    expect(parseSmiCsv(text, ['index', 'uuid', 'name', 'memory.total'])).toEqual({
      rows: [
        { index: '0', uuid: 'GPU-aaa', name: 'NVIDIA A100-SXM4-80GB', 'memory.total': '81920' },
        { index: '1', uuid: 'GPU-bbb', name: 'NVIDIA GeForce RTX 4090', 'memory.total': '24564' },
      ],
      rejected: [],
    });
  });

  it('gives the rest of the line to a free-text last column (commas in process names)', () => {
    const text = 'GPU-aaa, 4242, 18432, python3 train.py --lr=0.1, --tags=a,b\r\n';
    expect(parseSmiCsv(text, ['gpu_uuid', 'pid', 'used_gpu_memory', 'process_name'], true).rows).toEqual([
      { gpu_uuid: 'GPU-aaa', pid: '4242', used_gpu_memory: '18432', process_name: 'python3 train.py --lr=0.1, --tags=a,b' },
    ]);
  });

  it('rejects rows with too few or (without free text) too many columns, and skips blank lines', () => {
    const table = parseSmiCsv('0, GPU-aaa\n\n1, GPU-bbb, extra\n2\n', ['index', 'uuid']);
    expect(table.rows).toEqual([{ index: '0', uuid: 'GPU-aaa' }]);
    expect(table.rejected).toEqual(['1, GPU-bbb, extra', '2']);
  });
});

describe('nvidia-smi cells', () => {
  it.each([
    ['81920', 81920],
    ['81920 MiB', 81920],
    ['85 %', 85],
    ['312.45 W', 312.45],
    ['1410 MHz', 1410],
    [' 61 ', 61],
    ['[N/A]', undefined],
    ['N/A', undefined],
    ['[Not Supported]', undefined],
    ['[Insufficient Permissions]', undefined],
    ['[Unknown Error]', undefined],
    ['[GPU requires reset]', undefined],
    ['', undefined],
    ['Enabled', undefined],
    ['12.5.3', undefined],
    [undefined, undefined],
  ] as const)('number %j → %j', (raw, value) => {
    expect(cellNumber(raw)).toBe(value);
  });

  it.each([
    ['Enabled', true],
    ['Disabled', false],
    ['Yes', true],
    ['No', false],
    ['Not Active', false],
    ['[N/A]', undefined],
    ['maybe', undefined],
  ] as const)('flag %j → %j', (raw, value) => {
    expect(cellFlag(raw)).toBe(value);
  });

  it('keeps text and drops absent tokens', () => {
    expect(cellText('NVIDIA L40S')).toBe('NVIDIA L40S');
    expect(cellText('[Requested functionality has been deprecated]')).toBeUndefined();
  });

  it('recognises a GPU that needs a reset', () => {
    expect(cellRequiresReset('[GPU requires reset]')).toBe(true);
    expect(cellRequiresReset('[N/A]')).toBe(false);
  });
});
