import { describe, expect, it } from 'vitest';
import { parseAgentCli } from './agent-cli-options.js';

const token = 'cli-token-0123456789abcdef';

describe('parseAgentCli', () => {
  it('applies defaults and reads the token from AIMA_AGENT_TOKEN', () => {
    expect(parseAgentCli([], { AIMA_AGENT_TOKEN: token })).toEqual({
      kind: 'run',
      options: {
        token,
        host: '127.0.0.1',
        port: 9470,
        libraryPath: 'libnvidia-ml.so.1',
        nvidiaSmiPath: 'nvidia-smi',
        intervalSeconds: 60,
        heartbeatSeconds: 15,
        eventPollMs: 1000,
        logLevel: 'info',
      },
    });
  });

  it('prefers flags over the environment', () => {
    const parsed = parseAgentCli(
      ['--host', '0.0.0.0', '--port', '0', '--library-path', '/opt/libnvidia-ml.so.1', '--interval-seconds', '5'],
      {
        AIMA_AGENT_TOKEN: token,
        AIMA_AGENT_HOST: '10.0.0.1',
        AIMA_AGENT_PORT: '9999',
        AIMA_NVIDIA_SMI: '/opt/nvidia-smi',
      },
    );
    expect(parsed).toMatchObject({
      kind: 'run',
      options: { host: '0.0.0.0', port: 0, libraryPath: '/opt/libnvidia-ml.so.1', nvidiaSmiPath: '/opt/nvidia-smi', intervalSeconds: 5 },
    });
  });

  it.each([
    [[], {}, 'set AIMA_AGENT_TOKEN'],
    [[], { AIMA_AGENT_TOKEN: 'short' }, 'at least 16 printable characters'],
    [['--port', 'http'], { AIMA_AGENT_TOKEN: token }, 'port: must be a whole number'],
    [['--port', '70000'], { AIMA_AGENT_TOKEN: token }, 'port: Too big'],
    [['--colour', 'red'], { AIMA_AGENT_TOKEN: token }, "Unknown option '--colour'"],
    [['extra'], { AIMA_AGENT_TOKEN: token }, 'Unexpected argument'],
    [['--log-level', 'loud'], { AIMA_AGENT_TOKEN: token }, 'logLevel'],
  ] as const)('explains what is wrong with %j', (argv, env, message) => {
    const parsed = parseAgentCli(argv, env);
    expect(parsed.kind).toBe('error');
    if (parsed.kind === 'error') expect(parsed.message).toContain(message);
  });

  it('never echoes a token it rejects', () => {
    const parsed = parseAgentCli([], { AIMA_AGENT_TOKEN: 'has a space in it 12345' });
    expect(parsed.kind === 'error' && parsed.message).not.toContain('has a space');
  });

  it('asks for help', () => {
    expect(parseAgentCli(['--help'], {})).toEqual({ kind: 'help' });
  });
});
