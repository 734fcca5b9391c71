import { integer, micros } from '../harness/table.js';
import type { LatencyFigures } from './latency.js';

export const print = (text = '') => process.stdout.write(`${text}\n`);

/** `PASS` or `FAIL`, padded. */
export function verdict(passed: boolean): string {
  return passed ? 'PASS' : 'FAIL';
}

/** Milliseconds: `1,234 ms`, `12.3 ms`. */
export function millis(value: number): string {
  return `${value >= 100 ? integer(value) : value.toFixed(1)} ms`;
}

/** A duration in seconds made readable: `42 s`, `17 min`, `3.2 h`, `4.1 days`. */
export function readableSeconds(seconds: number): string {
  if (seconds < 120) return `${seconds.toFixed(0)} s`;
  if (seconds < 7_200) return `${(seconds / 60).toFixed(0)} min`;
  if (seconds < 172_800) return `${(seconds / 3_600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} days`;
}

/** Table cells of a latency figure: timed, p50 µs, p99 µs, mean µs, per second. */
export function latencyCells(figure: LatencyFigures): string[] {
  return [integer(figure.count), micros(figure.p50Us), micros(figure.p99Us), micros(figure.meanUs), integer(figure.perSecond)];
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)} %`;
}
