#!/usr/bin/env node
import { agentCliUsage, parseAgentCli } from './agent/agent-cli-options.js';
import { runAgent } from './agent/run-agent.js';
import { createJsonLineLogger } from './agent/stream-logger.js';

// The `aima-gpu-agent` executable: the only module of the package that acts when loaded.
async function main(): Promise<void> {
  const parsed = parseAgentCli(process.argv.slice(2), process.env);
  if (parsed.kind === 'help') {
    process.stdout.write(agentCliUsage);
    return;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`aima-gpu-agent: ${parsed.message}\n\n${agentCliUsage}`);
    process.exitCode = 2;
    return;
  }
  const logger = createJsonLineLogger((line) => process.stderr.write(line), parsed.options.logLevel);
  const running = await runAgent(parsed.options, logger);
  const stop = (signal: string) => {
    logger.info('GPU agent stopping', { signal });
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('GPU agent did not stop cleanly', { error: String(error) });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`aima-gpu-agent: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
