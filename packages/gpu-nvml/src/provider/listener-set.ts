import type { Logger } from '@aima/core';

/**
 * Listeners of one kind of event. Each subscription gets its own idempotent unsubscribe (the same
 * function may subscribe twice); a listener that throws is logged and does not stop the others.
 */
export class ListenerSet<Value> {
  private readonly listeners = new Set<(value: Value) => void>();

  constructor(
    private readonly logger: Logger,
    private readonly onChange: () => void = () => undefined,
  ) {}

  get size(): number {
    return this.listeners.size;
  }

  add(listener: (value: Value) => void): () => void {
    const entry = (value: Value) => listener(value);
    this.listeners.add(entry);
    this.onChange();
    return () => {
      if (this.listeners.delete(entry)) this.onChange();
    };
  }

  emit(value: Value): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        this.logger.warn('a GPU listener threw', { error: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
