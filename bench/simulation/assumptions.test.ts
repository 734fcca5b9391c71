import { describe, expect, it } from 'vitest';
import { assumptionLines } from './assumptions.js';
import { parseCliOptions } from './cli-options.js';

describe('assumption lines', () => {
  const options = parseCliOptions(['--P', '10', '--fleet-share', '0.01']);

  it('labels every rule and states the chosen parameters', () => {
    const lines = assumptionLines(options, ['openb', 'genai']);
    expect(lines.every((line) => /^(\[(real|synthetic|assumed|simplified)\] +| {13})\S/.test(line))).toBe(true);
    expect(lines.join('\n')).toMatch(/% 100 < 10 \(seed 1\)/);
    expect(lines.join('\n')).toMatch(/cut to 0\.01/);
    expect(lines.join('\n')).toMatch(/G1\/G2\/G3 24 GB \(undisclosed\)/);
  });

  it('leaves out the lines of a trace not replayed', () => {
    const genaiOnly = assumptionLines(options, ['genai']).join('\n');
    expect(genaiOnly).toMatch(/GenAI fleet/);
    expect(genaiOnly).not.toMatch(/openb|VRAM\(model\)/);
    expect(assumptionLines(options, ['openb']).join('\n')).not.toMatch(/GenAI/);
  });
});
