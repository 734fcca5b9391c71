import { describe, expect, it } from 'vitest';
import { canonicalGpuModel, vastNamesFor } from './gpu-names.js';

describe('GPU names between ours and Vast.ai', () => {
  it.each([
    ['RTX 4090', 24, 'RTX 4090 24GB'],
    ['RTX 6000Ada', 48, 'RTX 6000 Ada 48GB'],
    ['RTX 4080S', 16, 'RTX 4080 SUPER 16GB'],
    ['Q RTX 8000', 48, 'Quadro RTX 8000 48GB'],
    ['A100 SXM4', 80, 'A100 SXM4 80GB'],
    ['H100 80GB HBM3', 80, 'H100 80GB HBM3'],
  ])('%s with %i GB is %s', (vast, vramGb, ours) => {
    expect(canonicalGpuModel(vast, vramGb)).toBe(ours);
  });

  it.each([
    ['RTX 4090', ['RTX 4090']],
    ['4090', ['RTX 4090']],
    ['A100 80GB', ['A100 PCIE', 'A100 SXM4']],
    ['NVIDIA H100', ['H100 PCIE', 'H100 SXM', 'H100 NVL']],
    ['RTX 6000 Ada', ['RTX 6000Ada']],
    ['A6000', ['RTX A6000']],
    ['T4', ['Tesla T4']],
    ['L4', ['L4']],
  ])('%s means %j on Vast', (wanted, names) => {
    expect(vastNamesFor(wanted)).toEqual(names);
  });

  it('knows a model it cannot spell for Vast, and rejects one nobody makes', () => {
    expect(vastNamesFor('A100-SXM4-80GB')).toEqual(['A100 SXM4']);
    expect(vastNamesFor('RTX 9999')).toBeUndefined();
    expect(vastNamesFor('Imaginary GPU')).toBeUndefined();
  });
});
