/** A step that reads the job's outputs; `location` (region or site) is absent while it is not known yet. */
export interface NextStep {
  readonly location?: string;
}

/** Where the job itself runs; `location` absent means the host's premises. */
export interface JobSite {
  readonly location?: string;
}

/** The sites {@link placeOutputs} chooses from. */
export interface OutputSites {
  readonly job: JobSite;
}

/** Where outputs go, and why. */
export interface OutputPlacement {
  /**
   * One location, or several when next steps run in different places (the seed's `both`);
   * `undefined` is the host's premises.
   */
  readonly locations: readonly (string | undefined)[];
  readonly reason: string;
}

/**
 * Seed 002 `optimize_data_placement` for outputs: written where the next steps run when their
 * locations are known (each distinct location once, compared case-insensitively), else where the
 * job ran. Pure.
 */
export function placeOutputs(nextSteps: NextStep | readonly NextStep[] | undefined, sites: OutputSites): OutputPlacement {
  const steps = nextSteps === undefined ? [] : isList(nextSteps) ? nextSteps : [nextSteps];
  const known = new Map<string, string>();
  for (const step of steps) {
    if (step.location !== undefined && !known.has(step.location.toLowerCase())) known.set(step.location.toLowerCase(), step.location);
  }
  if (known.size === 0) {
    const where = sites.job.location ?? "the host's premises";
    return { locations: [sites.job.location], reason: `no next step with a known location: written where the job ran (${where})` };
  }
  const locations = [...known.values()];
  return {
    locations,
    reason:
      locations.length === 1
        ? `written where the next step runs (${locations[0]})`
        : `next steps run in ${locations.join(', ')}: written to each`,
  };
}

function isList(steps: NextStep | readonly NextStep[]): steps is readonly NextStep[] {
  return Array.isArray(steps);
}
