import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLocalFleet, type LocalGpuState } from '@aima/core';
import { describe, expect, it } from 'vitest';
import { alibabaGpuModels, alibabaTotalGpus } from './alibaba-gpu-models.js';
import { alibabaNodeListUrl, generateAlibabaShapedNodeList, parseAlibabaNodeList, readAlibabaNodeList } from './alibaba-nodes.js';
import { alibabaSpotFleet, fleetFromNodes, sampleEvery } from './alibaba-spot-fleet.js';

const now = Date.UTC(2026, 0, 15, 12, 0, 0);
const tracePresent = existsSync(alibabaNodeListUrl);
/** Appended to the names of the tests that need the trace, so a skipped run says why. */
const needsTrace = tracePresent ? '' : ` (SKIPPED: the trace ${fileURLToPath(alibabaNodeListUrl)} is not present)`;

function gpusByModel(states: readonly LocalGpuState[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const state of states) counts[state.gpu.model] = (counts[state.gpu.model] ?? 0) + 1;
  return counts;
}

const expectedGpusByModel = Object.fromEntries(alibabaGpuModels.map((entry) => [entry.model, entry.gpus]));

describe('Alibaba spot-GPU fleet', () => {
  it.skipIf(!tracePresent)(`loads 10,412 GPUs on 4,278 nodes from the trace, with the documented model mix${needsTrace}`, () => {
    const nodes = readAlibabaNodeList();
    expect(nodes?.length).toBe(4_278);
    const fleet = alibabaSpotFleet({ now });
    expect(fleet.source).toBe('trace');
    expect(fleet.states).toHaveLength(10_412);
    expect(gpusByModel(fleet.states)).toEqual(expectedGpusByModel);
    expect(new Set(fleet.states.map((state) => state.gpu.id)).size).toBe(10_412);
    expect(fleet.states.every((state) => /^gpu_[0-9a-f]{8}$/.test(state.gpu.id) && state.gpu.hostAddress.startsWith('node-'))).toBe(true);
  });

  it.skipIf(!tracePresent)(`indexes the full trace fleet into 24 classes (6 models × 4 sites), about half busy${needsTrace}`, () => {
    const { states } = alibabaSpotFleet({ now });
    expect(createLocalFleet(states).classes()).toHaveLength(24);
    const busy = states.filter((state) => state.busyUntil !== undefined).length / states.length;
    expect(busy).toBeGreaterThan(0.45);
    expect(busy).toBeLessThan(0.55);
  });

  it('generates a stand-in of the same shape when the trace is absent', () => {
    const nodes = generateAlibabaShapedNodeList();
    expect(nodes).toHaveLength(4_278);
    const states = fleetFromNodes(nodes, { now });
    expect(states).toHaveLength(alibabaTotalGpus);
    expect(alibabaTotalGpus).toBe(10_412);
    expect(gpusByModel(states)).toEqual(expectedGpusByModel);
    const absent = alibabaSpotFleet({ now }, new URL('file:///nonexistent/node_info_df.csv'));
    expect(absent.source).toBe('generated');
    expect(absent.states).toHaveLength(10_412);
  });

  it('is deterministic', () => {
    const nodes = generateAlibabaShapedNodeList();
    expect(fleetFromNodes(nodes, { now })).toEqual(fleetFromNodes(nodes, { now }));
  });

  it('samples every k-th GPU', () => {
    const items = Array.from({ length: 10_412 }, (_, index) => index);
    const hundred = sampleEvery(items, 100);
    expect(hundred).toHaveLength(100);
    expect(hundred.slice(0, 3)).toEqual([0, 104, 208]);
    expect(sampleEvery(items, 1_000)).toHaveLength(1_000);
    expect(sampleEvery(items, 20_000)).toHaveLength(10_412);
  });

  it('parses the node list and rejects what it does not know', () => {
    const csv = 'gpu_model,gpu_capacity_num,cpu_num,node_name\nA10,1,128,2\nH800,8,128,7\n';
    expect(parseAlibabaNodeList(csv)).toEqual([
      { nodeName: '2', gpuModel: 'A10', gpuCount: 1 },
      { nodeName: '7', gpuModel: 'H800', gpuCount: 8 },
    ]);
    const states = fleetFromNodes(parseAlibabaNodeList(csv), { now });
    expect(states.map((state) => [state.gpu.id, state.gpu.location, state.gpu.hostAddress])).toEqual([
      ['gpu_00000000', 'dc-c', 'node-2'],
      ...Array.from({ length: 8 }, (_, slot) => [`gpu_${(slot + 1).toString(16).padStart(8, '0')}`, 'dc-d', 'node-7']),
    ]);
    expect(() => parseAlibabaNodeList('model,count\nA10,1')).toThrow(/unexpected header/);
    expect(() => parseAlibabaNodeList('gpu_model,gpu_capacity_num,cpu_num,node_name\nB200,8,128,1')).toThrow(/unknown GPU model "B200"/);
    expect(() => parseAlibabaNodeList('gpu_model,gpu_capacity_num,cpu_num,node_name\nA10,zero,128,1')).toThrow(/malformed row 2/);
  });
});
