import { holdsJob, isLiveOffer, mayActAsReporter, seesJob, takenByOther } from './tickets.policy';

describe('ticket resource rules', () => {
  const held = { engineerId: 7 };
  const free = { engineerId: null };

  it('lets only the engineer holding a job move it on', () => {
    expect(holdsJob(held, 7)).toBe(true);
    expect(holdsJob(held, 8)).toBe(false);
    expect(holdsJob(free, 7)).toBe(false);
  });

  it('shows a job to its holder and to engineers it was offered to, and to nobody else', () => {
    expect(seesJob(held, null, 7)).toBe(true);
    expect(seesJob(free, { id: 1 }, 8)).toBe(true);
    expect(seesJob(held, null, 8)).toBe(false);
    expect(seesJob(free, null, 8)).toBe(false);
  });

  it('counts an offer live only while the ticket is on offer, in that round, unanswered', () => {
    const offered = { status: 'offered' as const, dispatchRound: 2 };
    expect(isLiveOffer(offered, { status: 'pending', round: 2 })).toBe(true);
    expect(isLiveOffer(offered, { status: 'pending', round: 1 })).toBe(false);
    expect(isLiveOffer(offered, { status: 'declined', round: 2 })).toBe(false);
    expect(isLiveOffer({ status: 'accepted', dispatchRound: 2 }, { status: 'pending', round: 2 })).toBe(false);
    expect(isLiveOffer(offered, null)).toBe(false);
  });

  it("says a job is taken when another engineer holds it, not when it is free or one's own", () => {
    expect(takenByOther(held, 8)).toBe(true);
    expect(takenByOther(held, 7)).toBe(false);
    expect(takenByOther(free, 7)).toBe(false);
  });

  it('keeps follow links read-only: only the reporter confirms, reopens or rates', () => {
    expect(mayActAsReporter('reporter')).toBe(true);
    expect(mayActAsReporter('follower')).toBe(false);
  });
});
