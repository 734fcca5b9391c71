import type { ServerResponse } from 'node:http';
import type { Clock, GpuHealthEvent, Timer } from '@aima/core';
import type { AgentStreamLine } from './agent-protocol.js';

interface Subscriber {
  readonly response: ServerResponse;
  readonly heartbeatMs: number;
  timer: Timer | undefined;
}

/** The open health streams of an agent: fans events out as NDJSON and sends heartbeats. */
export class HealthStreamHub {
  private readonly subscribers = new Set<Subscriber>();

  constructor(
    private readonly clock: Clock,
    private readonly providerId: string,
  ) {}

  get size(): number {
    return this.subscribers.size;
  }

  open(response: ServerResponse, heartbeatSeconds: number): void {
    const subscriber: Subscriber = { response, heartbeatMs: heartbeatSeconds * 1000, timer: undefined };
    response.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    this.subscribers.add(subscriber);
    response.on('close', () => this.drop(subscriber));
    write(subscriber, { type: 'hello', providerId: this.providerId, at: this.clock.now(), heartbeatSeconds });
    this.arm(subscriber);
  }

  publish(event: GpuHealthEvent): void {
    for (const subscriber of this.subscribers) write(subscriber, { type: 'health', event });
  }

  /** Ends every stream. */
  closeAll(): void {
    for (const subscriber of [...this.subscribers]) {
      this.drop(subscriber);
      subscriber.response.end();
    }
  }

  private arm(subscriber: Subscriber): void {
    subscriber.timer = this.clock.setTimer(subscriber.heartbeatMs, () => {
      if (!this.subscribers.has(subscriber)) return;
      write(subscriber, { type: 'heartbeat', at: this.clock.now() });
      this.arm(subscriber);
    });
  }

  private drop(subscriber: Subscriber): void {
    subscriber.timer?.cancel();
    this.subscribers.delete(subscriber);
  }
}

function write(subscriber: Subscriber, line: AgentStreamLine): void {
  if (!subscriber.response.writableEnded) subscriber.response.write(`${JSON.stringify(line)}\n`);
}
