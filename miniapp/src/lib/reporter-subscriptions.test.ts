import type { CreditView, NotificationKind } from '@baoxiu/shared';
import { MAX_TEMPLATES_PER_ASK, reporterTemplatesToAsk } from './reporter-subscriptions';

const credit = (kind: NotificationKind, credits = 0, refused = false): CreditView => ({
  kind,
  templateId: `tpl-${kind}`,
  credits,
  refused,
});
const ALL = [credit('ticket_accepted'), credit('engineer_on_the_way'), credit('ticket_resolved'), credit('ticket_closed')];

describe('which reporter templates a tap asks WeChat for', () => {
  it('asks for the first three after filing, never more than WeChat shows at once', () => {
    expect(reporterTemplatesToAsk(ALL, 'new')).toEqual(['tpl-ticket_accepted', 'tpl-engineer_on_the_way', 'tpl-ticket_resolved']);
    expect(MAX_TEMPLATES_PER_ASK).toBe(3);
  });

  it('asks for "closed" at the next tap once the first three have credit', () => {
    const afterFirstTap = [
      credit('ticket_accepted', 1),
      credit('engineer_on_the_way', 1),
      credit('ticket_resolved', 1),
      credit('ticket_closed'),
    ];
    expect(reporterTemplatesToAsk(afterFirstTap, 'new')).toEqual(['tpl-ticket_closed']);
    expect(reporterTemplatesToAsk(afterFirstTap, 'resolved')).toEqual(['tpl-ticket_closed']);
  });

  it('asks for the quote message with "closed" at the second tap, while the repair can still be quoted', () => {
    const withQuote = [...ALL.map((c) => ({ ...c, credits: c.kind === 'ticket_closed' ? 0 : 1 })), credit('quote_pending')];
    expect(reporterTemplatesToAsk(withQuote, 'new')).toEqual(['tpl-ticket_closed', 'tpl-quote_pending']);
    expect(reporterTemplatesToAsk(withQuote, 'on_site')).toEqual(['tpl-ticket_closed', 'tpl-quote_pending']);
    expect(reporterTemplatesToAsk([...ALL, credit('quote_pending')], 'new')).toEqual([
      'tpl-ticket_accepted',
      'tpl-engineer_on_the_way',
      'tpl-ticket_resolved',
    ]);
  });

  it('no longer asks for the quote message once the repair is resolved, closed or cancelled', () => {
    const onlyQuote = [credit('quote_pending')];
    expect(reporterTemplatesToAsk(onlyQuote, 'waiting_customer')).toEqual(['tpl-quote_pending']);
    expect(reporterTemplatesToAsk(onlyQuote, 'resolved')).toEqual([]);
    expect(reporterTemplatesToAsk(onlyQuote, 'closed')).toEqual([]);
    expect(reporterTemplatesToAsk(onlyQuote, 'cancelled')).toEqual([]);
  });

  it('skips messages the ticket has already passed, so a resolved ticket asks only for "closed"', () => {
    expect(reporterTemplatesToAsk(ALL, 'resolved')).toEqual(['tpl-ticket_closed']);
    expect(reporterTemplatesToAsk(ALL, 'en_route')).toEqual(['tpl-ticket_resolved', 'tpl-ticket_closed']);
    expect(reporterTemplatesToAsk(ALL, 'accepted')).toEqual(['tpl-engineer_on_the_way', 'tpl-ticket_resolved', 'tpl-ticket_closed']);
  });

  it('asks nothing for a closed or cancelled ticket, or when every template ahead still has credit', () => {
    expect(reporterTemplatesToAsk(ALL, 'closed')).toEqual([]);
    expect(reporterTemplatesToAsk(ALL, 'cancelled')).toEqual([]);
    expect(reporterTemplatesToAsk([credit('ticket_resolved', 2), credit('ticket_closed', 1)], 'on_site')).toEqual([]);
  });

  it('asks again for a template the reporter refused (a new accept clears the refusal)', () => {
    expect(reporterTemplatesToAsk([credit('ticket_closed', 0, true)], 'resolved')).toEqual(['tpl-ticket_closed']);
  });

  it('starts over at "not fixed": a reopened ticket is accepted, visited and resolved again', () => {
    const spent = [credit('ticket_accepted'), credit('engineer_on_the_way'), credit('ticket_resolved'), credit('ticket_closed', 1)];
    expect(reporterTemplatesToAsk(spent, 'reopened')).toEqual(['tpl-ticket_accepted', 'tpl-engineer_on_the_way', 'tpl-ticket_resolved']);
  });

  it("ignores kinds the company has no template for, other recipients' templates, and a template id used twice", () => {
    const odd: CreditView[] = [
      credit('job_offered'),
      { kind: 'ticket_resolved', templateId: 'shared-id', credits: 0, refused: false },
      { kind: 'ticket_closed', templateId: 'shared-id', credits: 0, refused: false },
    ];
    expect(reporterTemplatesToAsk(odd, 'new')).toEqual(['shared-id']);
    expect(reporterTemplatesToAsk([], 'new')).toEqual([]);
  });
});
