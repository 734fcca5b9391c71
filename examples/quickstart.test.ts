import { describe, expect, it } from 'vitest';
import { runQuickstart } from './quickstart.js';

describe('quick start example', () => {
  it('places the whole batch, explains each decision, and keeps confidential jobs local', async () => {
    const result = await runQuickstart(() => undefined);
    const text = result.lines.join('\n');
    for (const title of ['Confidential audio interview', 'Public 4k video', 'Critical video', 'needs 80 GB']) expect(text).toContain(title);
    expect(text).toContain('aima/confidential-no-local');
    expect(text).toContain('Summary');
    expect(result.cloudJobs.length).toBeGreaterThan(0);
    for (const jobId of result.confidentialJobs) expect(result.cloudJobs).not.toContain(jobId);
  });
});
