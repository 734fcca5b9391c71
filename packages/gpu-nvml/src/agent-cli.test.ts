import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { buildFakeNvml } from '../test-double/build-fake-nvml.js';
import { createFakeNvml, type FakeNvml } from '../test-double/fake-nvml.js';
import { fakeDevices } from '../test-double/fake-nvml-config.js';

const here = dirname(fileURLToPath(import.meta.url));
const build = await buildFakeNvml();
// The child process resolves @aima/core through node_modules, i.e. core's build output.
const coreBuilt = existsSync(join(dirname(createRequire(import.meta.url).resolve('@aima/core/package.json')), 'dist', 'index.js'));
const token = 'cli-spawn-token-0123456789';
const children: ChildProcess[] = [];
const fakes: FakeNvml[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const fake of fakes.splice(0)) await fake.dispose();
});

function runCli(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'agent-cli.ts'), ...args], {
    cwd: join(here, '..', '..', '..'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

function output(child: ChildProcess, stream: 'stdout' | 'stderr', until: (text: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`timed out; got: ${text}`)), 15_000);
    child[stream]?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (until(text)) {
        clearTimeout(timer);
        resolve(text);
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(text);
    });
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.on('exit', (code) => resolve(code));
  });
}

describe.skipIf(!build.ok || !coreBuilt)(`aima-gpu-agent executable${coreBuilt ? '' : ' (skipped: build @aima/core first)'}`, () => {
  it('serves the fake GPUs behind the token, logs JSON lines without the token, and stops on SIGTERM', async () => {
    const fake = await createFakeNvml({ config: { devices: fakeDevices(2) } });
    fakes.push(fake);
    const child = runCli(['--port', '0', '--library-path', fake.libraryPath, '--nvidia-smi-path', '/nonexistent'], {
      AIMA_AGENT_TOKEN: token,
    });
    const log = await output(child, 'stderr', (text) => text.includes('GPU agent listening'));
    const listening = log
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { message: string; url?: string; gpus?: number })
      .find((line) => line.message === 'GPU agent listening');
    expect(listening).toMatchObject({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), gpus: 2 });
    const response = await fetch(`${listening?.url}/v1/devices`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await response.json()) as { devices: unknown[] }).devices).toHaveLength(2);
    expect((await fetch(`${listening?.url}/v1/devices`)).status).toBe(401);
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    expect(log).not.toContain(token);
  });

  it('exits 2 with the usage when the token is missing', async () => {
    const child = runCli([], { AIMA_AGENT_TOKEN: '' });
    const text = await output(child, 'stderr', () => false);
    expect(await exited(child)).toBe(2);
    expect(text).toContain('AIMA_AGENT_TOKEN');
    expect(text).toContain('Usage: aima-gpu-agent');
  });

  it('exits 1 saying what was tried when there are no GPUs to serve', async () => {
    const child = runCli(
      ['--port', '0', '--library-path', '/nonexistent/libnvidia-ml.so.1', '--nvidia-smi-path', '/nonexistent/nvidia-smi'],
      {
        AIMA_AGENT_TOKEN: token,
      },
    );
    const text = await output(child, 'stderr', () => false);
    expect(await exited(child)).toBe(1);
    expect(text).toContain('No local NVIDIA GPU access on this host');
  });
});
