import { isEligible, rankCandidates, type Candidate } from './dispatch.scoring';

const engineer = (id: number, over: Partial<Candidate> = {}): Candidate => ({
  id,
  skills: ['空调'],
  siteIds: [1],
  onDuty: true,
  load: 0,
  lastAssignedAt: null,
  ...over,
});
const job = { category: '空调', siteId: 1 };

describe('dispatch eligibility', () => {
  it('needs the engineer on duty, covering the site and having the skill', () => {
    expect(isEligible(engineer(1), job)).toBe(true);
    expect(isEligible(engineer(1, { onDuty: false }), job)).toBe(false);
    expect(isEligible(engineer(1, { siteIds: [2] }), job)).toBe(false);
    expect(isEligible(engineer(1, { skills: ['电梯'] }), job)).toBe(false);
  });

  it('treats no sites as all sites and no skills as a generalist, and a job without category as open to all', () => {
    expect(isEligible(engineer(1, { siteIds: [] }), job)).toBe(true);
    expect(isEligible(engineer(1, { skills: [] }), job)).toBe(true);
    expect(isEligible(engineer(1, { skills: ['电梯'] }), { category: null, siteId: 1 })).toBe(true);
  });
});

describe('dispatch ranking', () => {
  it('asks a specialist before a generalist, whatever their load', () => {
    const ranked = rankCandidates([engineer(1, { skills: [], load: 0 }), engineer(2, { load: 3 })], job);
    expect(ranked.map((c) => c.id)).toEqual([2, 1]);
  });

  it('prefers fewer jobs on hand, then whoever was assigned longest ago (never first), then the lower id', () => {
    const ranked = rankCandidates(
      [
        engineer(1, { load: 2 }),
        engineer(2, { load: 1, lastAssignedAt: new Date('2026-11-23T08:00:00Z') }),
        engineer(3, { load: 1, lastAssignedAt: new Date('2026-11-23T07:00:00Z') }),
        engineer(4, { load: 1 }),
        engineer(5, { load: 1 }),
      ],
      job,
    );
    expect(ranked.map((c) => c.id)).toEqual([4, 5, 3, 2, 1]);
  });

  it('leaves out engineers already asked in this dispatch cycle and those not eligible', () => {
    const ranked = rankCandidates([engineer(1), engineer(2), engineer(3, { onDuty: false })], job, new Set([1]));
    expect(ranked.map((c) => c.id)).toEqual([2]);
  });

  it('ranks 5,000 engineers deterministically', () => {
    const all = Array.from({ length: 5_000 }, (_, i) => engineer(i + 1, { load: i % 7, siteIds: [1 + (i % 3)] }));
    const first = rankCandidates(all, job).map((c) => c.id);
    expect(rankCandidates([...all].reverse(), job).map((c) => c.id)).toEqual(first);
    expect(first[0]).toBe(7 * 3 * 0 + 1);
  });
});
