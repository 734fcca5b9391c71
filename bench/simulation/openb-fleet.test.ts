import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gpuIdFor, openbFleet, parseOpenbNodes } from './openb-fleet.js';
import { openbSpecVramGb, openbVramGb } from './openb-gpu-models.js';
import { defaultDataDir, tracePaths } from './trace-files.js';

const csv = ['sn,cpu_milli,memory_mib,gpu,model', 'n0,64000,262144,2,P100', 'n1,96000,786432,8,G2', 'n2,96000,393216,1,V100M32'].join('\n');

describe('openb fleet', () => {
  it('registers one GPU per slot with gpu_ ids, on-prem, explicit power and price', () => {
    const fleet = openbFleet(parseOpenbNodes(csv));
    expect(fleet).toHaveLength(11);
    expect(fleet.map((gpu) => gpu.id)).toEqual(Array.from({ length: 11 }, (_, index) => gpuIdFor(index)));
    expect(fleet[0]).toMatchObject({ model: 'Tesla P100', vramGb: 16, hostAddress: 'n0', location: 'on-prem', powerWatts: 250 });
    expect(fleet[2]).toMatchObject({ model: 'G2 (undisclosed)', vramGb: 24, powerWatts: 250, purchasePriceUsd: 5_000 });
    expect(fleet[10]).toMatchObject({ model: 'Tesla V100 32GB', vramGb: 32, purchasePriceUsd: 11_458 });
    expect(gpuIdFor(255)).toBe('gpu_000000ff');
  });

  it('treats capex as sunk when asked', () => {
    expect(openbFleet(parseOpenbNodes(csv), { capexSunk: true }).every((gpu) => gpu.purchasePriceUsd === 0)).toBe(true);
  });

  it('keeps a share of each model, at least one GPU each', () => {
    const models = openbFleet(parseOpenbNodes(csv), { share: 0.25 }).map((gpu) => gpu.model);
    expect(models).toEqual(['Tesla P100', 'G2 (undisclosed)', 'G2 (undisclosed)', 'Tesla V100 32GB']);
  });

  it('rejects an unknown model', () => {
    expect(() => parseOpenbNodes('sn,gpu,model\nn0,1,H100')).toThrow(/unknown GPU model "H100"/);
  });

  it('knows VRAM(model) of §4.2, 16 GB for an empty spec and the smallest of a list', () => {
    expect(['P100', 'T4', 'V100M16', 'V100M32', 'A10', 'G1', 'G2', 'G3'].map(openbVramGb)).toEqual([16, 16, 16, 32, 24, 24, 24, 24]);
    expect(openbSpecVramGb('')).toBe(16);
    expect(openbSpecVramGb('V100M32|A10')).toBe(24);
  });

  const nodesPath = join(defaultDataDir, tracePaths.nodes);
  it.skipIf(!existsSync(nodesPath))('reads the real node list: 1,213 nodes, 6,212 GPUs', () => {
    const nodes = parseOpenbNodes(readFileSync(nodesPath, 'utf8'));
    expect(nodes).toHaveLength(1_213);
    const fleet = openbFleet(nodes);
    expect(fleet).toHaveLength(6_212);
    expect(fleet.filter((gpu) => gpu.vramGb === 32)).toHaveLength(204);
  });
});
