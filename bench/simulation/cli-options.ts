import { defaultSlack, type Slack } from './mapping-rules.js';

/** What `run-traces.ts` is asked to do. */
export interface CliOptions {
  readonly trace: 'openb' | 'genai' | 'both';
  /** Percent of tenants that are confidential. */
  readonly confidentialPercent: number;
  readonly slack: Slack;
  readonly seed: number;
  readonly provisioningSeconds: number;
  /** Share of cloud launches that fail for lack of capacity (exercises failover). */
  readonly launchFailureRate: number;
  /** Replay only the first N jobs of each trace. */
  readonly limit?: number;
  /** Policy ids to run; all when absent. */
  readonly policies?: readonly string[];
  /** Share of the openb fleet kept (per model, at least one GPU each). */
  readonly fleetShare: number;
  /** Local GPUs of the (assumed) GenAI fleet. */
  readonly genaiGpus: number;
  /** `marginal` treats capex as sunk (purchase price 0), evaluation.md §3.2. */
  readonly accounting: 'full' | 'marginal';
  /** The `shared/data` folder. */
  readonly dataDir?: string;
  readonly help: boolean;
}

export const usage = `Usage: npm run simulate -w @aima/bench -- [options]
  --trace openb|genai|both   trace to replay (default openb)
  --P <percent>              share of confidential tenants (default 20)
  --slack <s> | <h,n,l>      deadline slack, one for all or per high,normal,low (default 2,5,20)
  --seed <n>                 seed of the confidentiality hash and the simulation (default 1)
  --provisioning <seconds>   cloud launch to running (default 120)
  --launch-failures <0..1>   share of cloud launches that fail, to exercise failover (default 0)
  --limit <n>                replay only the first n jobs of each trace
  --policies <ids>           comma-separated subset of B1,B2b,B3,B5,HT,CO
  --fleet-share <0..1>       keep this share of each openb GPU model, to load the fleet (default 1)
  --genai-gpus <n>           local RTX 4090s for the GenAI trace (default 2)
  --accounting full|marginal capex counted, or sunk (default full)
  --data <dir>               the shared/data folder (default ../shared/data next to the repo)
  --help`;

function numberArg(name: string, text: string | undefined, check: (value: number) => boolean): number {
  const value = Number(text);
  if (text === undefined || text === '' || !Number.isFinite(value) || !check(value)) throw new Error(`bad value for --${name}: ${text}`);
  return value;
}

function slackArg(text: string | undefined): Slack {
  const parts = (text ?? '').split(',').map((part) => numberArg('slack', part, (value) => value > 0));
  if (parts.length === 1) return { high: parts[0] ?? 0, normal: parts[0] ?? 0, low: parts[0] ?? 0 };
  if (parts.length === 3) return { high: parts[0] ?? 0, normal: parts[1] ?? 0, low: parts[2] ?? 0 };
  throw new Error(`--slack takes one number or three (high,normal,low): ${text}`);
}

const known = new Set([
  'trace',
  'P',
  'slack',
  'seed',
  'provisioning',
  'launch-failures',
  'limit',
  'policies',
  'fleet-share',
  'genai-gpus',
  'accounting',
  'data',
  'help',
]);

/** Parses `--name value` and `--name=value` pairs. @throws Error on an unknown option or a bad value. */
export function parseCliOptions(argv: readonly string[]): CliOptions {
  const values = new Map<string, string>();
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"`);
    const [name = '', inline] = arg.slice(2).split(/=(.*)/s);
    if (!known.has(name)) throw new Error(`unknown option --${name}`);
    const value = name === 'help' ? '' : (inline ?? argv[++index]);
    if (value === undefined) throw new Error(`--${name} needs a value`);
    values.set(name, value);
  }
  const get = (name: string) => values.get(name);
  const trace = get('trace') ?? 'openb';
  if (trace !== 'openb' && trace !== 'genai' && trace !== 'both') throw new Error(`--trace must be openb, genai or both: ${trace}`);
  const accounting = get('accounting') ?? 'full';
  if (accounting !== 'full' && accounting !== 'marginal') throw new Error(`--accounting must be full or marginal: ${accounting}`);
  const integer = (value: number) => Number.isInteger(value) && value >= 0;
  const limit = get('limit');
  const policies = get('policies');
  const dataDir = get('data');
  return {
    trace,
    confidentialPercent: values.has('P') ? numberArg('P', get('P'), (value) => value >= 0 && value <= 100) : 20,
    slack: values.has('slack') ? slackArg(get('slack')) : defaultSlack,
    seed: values.has('seed') ? numberArg('seed', get('seed'), integer) : 1,
    provisioningSeconds: values.has('provisioning') ? numberArg('provisioning', get('provisioning'), (value) => value >= 0) : 120,
    launchFailureRate: values.has('launch-failures')
      ? numberArg('launch-failures', get('launch-failures'), (value) => value >= 0 && value < 1)
      : 0,
    ...(limit !== undefined && { limit: numberArg('limit', limit, (value) => integer(value) && value > 0) }),
    ...(policies !== undefined && { policies: policies.split(',').map((id) => id.trim()) }),
    fleetShare: values.has('fleet-share') ? numberArg('fleet-share', get('fleet-share'), (value) => value > 0 && value <= 1) : 1,
    genaiGpus: values.has('genai-gpus') ? numberArg('genai-gpus', get('genai-gpus'), integer) : 2,
    accounting,
    ...(dataDir !== undefined && { dataDir }),
    help: values.has('help'),
  };
}
