import { parseArgs } from 'node:util';
import { z } from 'zod';

/** The agent CLI's usage text. */
export const agentCliUsage = `Usage: aima-gpu-agent [options]

Exposes this host's NVIDIA GPUs to AIMA schedulers on other hosts over HTTP.
The bearer token is read from the AIMA_AGENT_TOKEN environment variable (at least 16
characters); it is never printed.

Options:
  --host <address>           address to listen on (default 127.0.0.1; env AIMA_AGENT_HOST)
  --port <port>              TCP port, 0 for any free one (default 9470; env AIMA_AGENT_PORT)
  --library-path <path>      NVML library (default libnvidia-ml.so.1; env AIMA_NVML_LIBRARY)
  --nvidia-smi-path <path>   nvidia-smi for the fallback (default nvidia-smi; env AIMA_NVIDIA_SMI)
  --interval-seconds <n>     monitoring interval (default 60)
  --heartbeat-seconds <n>    health stream heartbeat (default 15)
  --event-poll-ms <n>        XID event poll interval (default 1000)
  --log-level <level>        debug | info | warn | error (default info)
  --help                     print this text
`;

const numberText = (schema: z.ZodNumber) => z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(schema);

const cliSchema = z.strictObject({
  token: z
    .string({ error: 'set AIMA_AGENT_TOKEN to the bearer token clients will send' })
    .regex(/^[\x21-\x7e]{16,}$/, 'AIMA_AGENT_TOKEN must be at least 16 printable characters without spaces'),
  host: z.string().min(1).default('127.0.0.1'),
  port: numberText(z.number().int().min(0).max(65_535)).default(9470),
  libraryPath: z.string().min(1).default('libnvidia-ml.so.1'),
  nvidiaSmiPath: z.string().min(1).default('nvidia-smi'),
  intervalSeconds: numberText(z.number().int().positive()).default(60),
  heartbeatSeconds: numberText(z.number().int().min(1).max(300)).default(15),
  eventPollMs: numberText(z.number().int().min(5).max(60_000)).default(1000),
  logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type AgentCliOptions = z.output<typeof cliSchema>;

/** The result of reading the command line: options, a request for help, or what is wrong. */
export type AgentCliParse =
  | { readonly kind: 'run'; readonly options: AgentCliOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

/** Reads flags, then the environment for what the flags leave out. Never echoes the token. */
export function parseAgentCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): AgentCliParse {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        'library-path': { type: 'string' },
        'nvidia-smi-path': { type: 'string' },
        'interval-seconds': { type: 'string' },
        'heartbeat-seconds': { type: 'string' },
        'event-poll-ms': { type: 'string' },
        'log-level': { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help === true) return { kind: 'help' };
  const text = (name: string) => (typeof values[name] === 'string' ? String(values[name]) : undefined);
  const parsed = cliSchema.safeParse({
    token: env.AIMA_AGENT_TOKEN,
    host: text('host') ?? env.AIMA_AGENT_HOST,
    port: text('port') ?? env.AIMA_AGENT_PORT,
    libraryPath: text('library-path') ?? env.AIMA_NVML_LIBRARY,
    nvidiaSmiPath: text('nvidia-smi-path') ?? env.AIMA_NVIDIA_SMI,
    intervalSeconds: text('interval-seconds'),
    heartbeatSeconds: text('heartbeat-seconds'),
    eventPollMs: text('event-poll-ms'),
    logLevel: text('log-level'),
  });
  if (parsed.success) return { kind: 'run', options: parsed.data };
  const message = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n');
  return { kind: 'error', message };
}
