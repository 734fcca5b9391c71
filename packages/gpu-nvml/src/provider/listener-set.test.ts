import type { Logger } from '@aima/core';
import { describe, expect, it, vi } from 'vitest';
import { ListenerSet } from './listener-set.js';

function logger() {
  const warn = vi.fn<Logger['warn']>();
  const log: Logger = { debug: () => undefined, info: () => undefined, warn, error: () => undefined };
  return Object.assign(log, { warn });
}

describe('ListenerSet', () => {
  it('gives each subscription an idempotent unsubscribe and reports size changes', () => {
    const changes: number[] = [];
    const set: ListenerSet<number> = new ListenerSet(logger(), () => changes.push(set.size));
    const seen: number[] = [];
    const listener = (value: number) => seen.push(value);
    const first = set.add(listener);
    const second = set.add(listener);
    set.emit(1);
    first();
    first();
    set.emit(2);
    second();
    set.emit(3);
    expect(seen).toEqual([1, 1, 2]);
    expect(changes).toEqual([1, 2, 1, 0]);
  });

  it('keeps delivering when a listener throws, and logs it', () => {
    const log = logger();
    const set = new ListenerSet<string>(log);
    const seen: string[] = [];
    set.add(() => {
      throw new Error('boom');
    });
    set.add((value) => seen.push(value));
    set.emit('event');
    expect(seen).toEqual(['event']);
    expect(log.warn).toHaveBeenCalledWith('a GPU listener threw', { error: 'boom' });
  });
});
