import { StaffWechatViewSchema, SubscriptionStatusSchema } from '@baoxiu/shared';

const credit = (kind: string) => ({ kind, templateId: 'tmpl-abcdefgh', credits: 2, refused: false });

describe('subscription answers from a newer server', () => {
  it('drops a template of a kind this build does not know and keeps the rest', () => {
    const parsed = SubscriptionStatusSchema.safeParse({ bound: true, templates: [credit('job_offered'), credit('kind_from_the_future')] });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.templates.map((t) => t.kind)).toEqual(['job_offered']);
  });

  it('still refuses a known kind with a malformed template', () => {
    const parsed = SubscriptionStatusSchema.safeParse({ bound: true, templates: [{ kind: 'job_offered', templateId: 'x' }] });
    expect(parsed.success).toBe(false);
  });

  it("reads a staff member's WeChat view the same way", () => {
    const parsed = StaffWechatViewSchema.safeParse({
      id: 1,
      name: '王工',
      role: 'engineer',
      bound: true,
      templates: [credit('someday'), credit('ticket_accepted')],
      needsSubscription: false,
    });
    expect(parsed.data?.templates.map((t) => t.kind)).toEqual(['ticket_accepted']);
  });
});
