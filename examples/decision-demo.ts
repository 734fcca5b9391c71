/**
 * The decision engine on a small fleet: for each job, prints where it goes under each built-in
 * policy and why. Run with `npm start` from the repository root.
 */
import { createDecisionEngine, createLocalFleet, createOfferBook, type Decision, parseJobSpec } from '@aima/core';
import { demoFleet, demoOffers } from './demo-fleet.js';
import { demoJobs } from './demo-jobs.js';

const now = Date.parse('2026-11-23T09:00:00Z');
const fleet = createLocalFleet(demoFleet(now));
const offers = createOfferBook(demoOffers());
const context = { now, fleet, offers, uploadBandwidthMbps: 50 };
const engines = ['aima', 'hybrid-threshold', 'cost-optimal'].map((policy) => createDecisionEngine({ policy }));

function describeTarget(decision: Decision): string {
  const target = decision.target;
  if (target === undefined) return 'nowhere';
  if (target.kind === 'local')
    return `${target.gpuId} (${target.model})${target.waitSeconds > 0 ? ` after ${Math.round(target.waitSeconds / 60)} min` : ''}`;
  return `${target.provider} ${target.offerId} (${target.gpuModel}, ${target.region}, $${target.pricePerHourUsd}/h)`;
}

const out = process.stdout;
out.write(
  `AIMA decision demo: ${fleet.size} local GPUs in ${fleet.classes().length} classes, ${offers.size} cloud offers, uplink 50 Mbit/s\n`,
);
for (const { title, spec } of demoJobs(now)) {
  const job = parseJobSpec(spec, { now });
  out.write(`\n■ ${title}\n`);
  for (const engine of engines) {
    const decision = engine.decide(job, context);
    const cost = decision.estimatedCostUsd === undefined ? '' : `, est. $${decision.estimatedCostUsd.toFixed(3)}`;
    out.write(`  ${engine.policy.padEnd(16)} ${decision.outcome.toUpperCase().padEnd(6)} → ${describeTarget(decision)}${cost}\n`);
    out.write(`  ${''.padEnd(16)} rule ${decision.rule}: ${decision.reasons[0] ?? ''}\n`);
    if (engine.policy === 'aima') {
      for (const reason of decision.reasons.slice(1)) out.write(`  ${''.padEnd(16)} · ${reason}\n`);
      for (const alternative of decision.alternatives) out.write(`  ${''.padEnd(16)} ↳ ${alternative.kind}: ${alternative.message}\n`);
    }
  }
}
out.write(
  '\nEvery decision above is a pure function of the job, the fleet, the offers and the time: rerun and you get the same answers.\n',
);
