import { describe, expect, it } from 'vitest';
import { parseCliOptions } from './cli-options.js';

describe('CLI options', () => {
  it('has the documented defaults', () => {
    expect(parseCliOptions([])).toEqual({
      trace: 'openb',
      confidentialPercent: 20,
      slack: { high: 2, normal: 5, low: 20 },
      seed: 1,
      provisioningSeconds: 120,
      launchFailureRate: 0,
      fleetShare: 1,
      genaiGpus: 2,
      accounting: 'full',
      help: false,
    });
  });

  it('reads --name value and --name=value', () => {
    const options = parseCliOptions([
      '--trace',
      'both',
      '--P=50',
      '--slack',
      '1.5',
      '--seed=7',
      '--provisioning',
      '300',
      '--limit=200',
      '--launch-failures',
      '0.1',
      '--policies',
      'B1, b3',
      '--fleet-share',
      '0.01',
      '--genai-gpus=4',
      '--accounting',
      'marginal',
      '--data',
      '/tmp/data',
    ]);
    expect(options).toMatchObject({
      trace: 'both',
      confidentialPercent: 50,
      slack: { high: 1.5, normal: 1.5, low: 1.5 },
      seed: 7,
      provisioningSeconds: 300,
      limit: 200,
      launchFailureRate: 0.1,
      policies: ['B1', 'b3'],
      fleetShare: 0.01,
      genaiGpus: 4,
      accounting: 'marginal',
      dataDir: '/tmp/data',
    });
    expect(parseCliOptions(['--slack', '2,4,8']).slack).toEqual({ high: 2, normal: 4, low: 8 });
    expect(parseCliOptions(['--help']).help).toBe(true);
  });

  it.each([
    [['--trace', 'azure'], /--trace must be/],
    [['--P', '120'], /bad value for --P/],
    [['--slack', '1,2'], /one number or three/],
    [['--limit', '0'], /bad value for --limit/],
    [['--fleet-share', '2'], /bad value for --fleet-share/],
    [['--bogus', '1'], /unknown option/],
    [['--seed'], /needs a value/],
    [['openb'], /unexpected argument/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliOptions(argv)).toThrow(message);
  });
});
