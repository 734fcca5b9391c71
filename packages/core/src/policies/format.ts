/** Formats USD for explanations: `$0.42`, `$0.0031`. */
export function usd(value: number): string {
  if (!Number.isFinite(value)) return 'unbounded';
  return value >= 0.1 ? `$${value.toFixed(2)}` : `$${value.toPrecision(2)}`;
}

/** Formats a duration in seconds for explanations: `45 s`, `12.5 min`, `3.2 h`. */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'unbounded';
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7_200) return `${(seconds / 60).toFixed(1)} min`;
  return `${(seconds / 3_600).toFixed(1)} h`;
}
