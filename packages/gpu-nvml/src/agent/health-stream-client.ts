import type { Clock, Logger, Timer } from '@aima/core';
import type { AgentClient } from './agent-client.js';
import { type AgentStreamLine, agentRoutes, agentStreamLineSchema } from './agent-protocol.js';
import { readLines } from './ndjson-lines.js';

export interface HealthStreamClientSettings {
  readonly client: AgentClient;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly reconnectDelayMs: number;
  readonly onLine: (line: AgentStreamLine) => void;
  /** The stream is down (refused, broken, or heartbeats missed). */
  readonly onDown: (reason: string) => void;
}

/** A stream without any line for this many heartbeat intervals counts as dead. */
const MISSED_HEARTBEATS = 3;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Keeps one health stream to the agent open while started: reconnects after `reconnectDelayMs`
 * when it breaks, and treats a stream that stays silent for three heartbeats as broken.
 */
interface Session {
  active: boolean;
  readonly stopping: AbortController;
  connection?: AbortController;
  watchdog?: Timer;
}

export class HealthStreamClient {
  private session: Session | undefined;
  private loop: Promise<void> = Promise.resolve();

  constructor(private readonly settings: HealthStreamClientSettings) {}

  start(): void {
    if (this.session?.active) return;
    const session: Session = { active: true, stopping: new AbortController() };
    this.session = session;
    // A new session starts only after the previous one has wound down.
    this.loop = this.loop.then(() => this.run(session));
  }

  /** Closes the stream; resolves when nothing is left open. */
  async stop(): Promise<void> {
    const session = this.session;
    if (session) {
      session.active = false;
      session.stopping.abort();
      session.connection?.abort();
    }
    await this.loop;
  }

  private async run(session: Session): Promise<void> {
    while (session.active) {
      try {
        await this.connect(session);
      } catch (error) {
        if (!session.active) break;
        this.settings.logger.warn('GPU agent health stream broke', { agent: this.settings.client.origin, error: messageOf(error) });
        this.settings.onDown(messageOf(error));
      } finally {
        session.watchdog?.cancel();
      }
      await this.settings.clock.sleep(this.settings.reconnectDelayMs, session.stopping.signal).catch(() => undefined);
    }
  }

  private async connect(session: Session): Promise<void> {
    const connection = new AbortController();
    session.connection = connection;
    const response = await this.settings.client.request(agentRoutes.healthStream.slice(1), connection.signal, 'application/x-ndjson');
    if (!response.body) throw new Error('the agent sent no stream body');
    let silenceMs = 60_000;
    this.arm(session, connection, silenceMs);
    for await (const text of readLines(response.body)) {
      const line = this.parse(text);
      if (line?.type === 'hello') silenceMs = line.heartbeatSeconds * 1000 * MISSED_HEARTBEATS;
      this.arm(session, connection, silenceMs);
      if (line) this.settings.onLine(line);
    }
    throw new Error('the agent closed the health stream');
  }

  private parse(text: string): AgentStreamLine | undefined {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const line = agentStreamLineSchema.safeParse(json);
    if (line.success) return line.data;
    this.settings.logger.warn('GPU agent sent an invalid stream line', { agent: this.settings.client.origin });
    return undefined;
  }

  private arm(session: Session, connection: AbortController, silenceMs: number): void {
    session.watchdog?.cancel();
    session.watchdog = this.settings.clock.setTimer(silenceMs, () => connection.abort(new Error(`no heartbeat for ${silenceMs / 1000} s`)));
  }
}
