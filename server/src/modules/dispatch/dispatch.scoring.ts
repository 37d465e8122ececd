/** Dispatch rules as pure functions: who may take a job, and in what order they are asked. */
export interface Candidate {
  id: number;
  skills: string[];
  siteIds: number[];
  onDuty: boolean;
  /** Open jobs plus pending offers: what the engineer already has on their plate. */
  load: number;
  lastAssignedAt: Date | null;
}

export interface JobNeeds {
  category: string | null;
  siteId: number;
}

/** On duty, covers the site (no sites = all sites), has the skill (no skills = generalist). */
export function isEligible(c: Candidate, job: JobNeeds): boolean {
  if (!c.onDuty) return false;
  if (c.siteIds.length > 0 && !c.siteIds.includes(job.siteId)) return false;
  if (job.category && c.skills.length > 0 && !c.skills.includes(job.category)) return false;
  return true;
}

/** A specialist in the job's category before a generalist. */
function skillRank(c: Candidate, job: JobNeeds): number {
  return job.category && c.skills.includes(job.category) ? 0 : 1;
}

/**
 * Orders eligible engineers: skill match, then fewest jobs on hand, then whoever was assigned
 * longest ago (never assigned first), then id so the order is deterministic.
 */
export function rankCandidates(all: Candidate[], job: JobNeeds, exclude: ReadonlySet<number> = new Set()): Candidate[] {
  return all
    .filter((c) => !exclude.has(c.id) && isEligible(c, job))
    .sort(
      (a, b) =>
        skillRank(a, job) - skillRank(b, job) ||
        a.load - b.load ||
        (a.lastAssignedAt?.getTime() ?? -Infinity) - (b.lastAssignedAt?.getTime() ?? -Infinity) ||
        a.id - b.id,
    );
}
