import type { Logger } from '@aima/core';
import { openLocalGpuProvider } from '../provider/open-local-gpu-provider.js';
import type { AgentCliOptions } from './agent-cli-options.js';
import { type GpuAgent, startGpuAgent } from './gpu-agent.js';

/** A running agent with the provider it fronts. */
export interface RunningAgent {
  readonly agent: GpuAgent;
  /** Closes the agent, then the provider. */
  close(): Promise<void>;
}

/** What the CLI runs: opens the local GPUs (NVML, else nvidia-smi) and starts the agent on them. */
export async function runAgent(options: AgentCliOptions, logger: Logger): Promise<RunningAgent> {
  const provider = await openLocalGpuProvider({
    libraryPath: options.libraryPath,
    nvidiaSmiPath: options.nvidiaSmiPath,
    eventPollIntervalMs: options.eventPollMs,
    monitoring: { intervalSeconds: options.intervalSeconds },
    logger,
  });
  try {
    const agent = await startGpuAgent({
      provider,
      token: options.token,
      host: options.host,
      port: options.port,
      heartbeatSeconds: options.heartbeatSeconds,
      logger,
    });
    const devices = await provider.discover();
    logger.info('GPU agent listening', { url: agent.url, provider: provider.id, gpus: devices.length });
    return {
      agent,
      close: async () => {
        await agent.close();
        await provider.close();
      },
    };
  } catch (error) {
    await provider.close();
    throw error;
  }
}
