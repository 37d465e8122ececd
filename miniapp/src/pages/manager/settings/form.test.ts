import type { WechatTemplateSetting } from '@baoxiu/shared';
import { ApiError } from '../../../api/errors';
import { buildSettings, draftOf, KINDS_BY_RECIPIENT, serverSettingsErrors } from './form';

// The texts are not under test, and the real module reads the language through the Taro runtime.
jest.mock('../../../i18n/console', () => ({ tc: (key: string) => key }));
jest.mock('../../../api/errors', () => ({
  ApiError: class extends Error {
    constructor(
      readonly code: string,
      message: string,
      readonly status: number,
      readonly details: Record<string, unknown>,
    ) {
      super(message);
    }
  },
}));

const saved: WechatTemplateSetting[] = [
  {
    kind: 'job_offered',
    templateId: 'demo-job-offered',
    fields: { character_string1: 'ticketNumber', thing2: 'assetName', time5: 'time' },
  },
  { kind: 'ticket_closed', templateId: 'demo-ticket-closed', fields: { character_string1: 'ticketNumber', phrase3: 'status' } },
];

describe('the WeChat settings form', () => {
  it('round-trips the saved templates and leaves the other kinds off', () => {
    const draft = draftOf(saved);
    expect(draft.job_assigned).toEqual({ templateId: '', fields: [] });
    expect(buildSettings(draft)).toEqual({ body: { templates: saved }, errors: null });
  });

  it('groups the kinds by who receives them', () => {
    expect(KINDS_BY_RECIPIENT.reporter).toEqual([
      'ticket_accepted',
      'engineer_on_the_way',
      'ticket_resolved',
      'ticket_closed',
      'quote_pending',
    ]);
    expect(KINDS_BY_RECIPIENT.dispatcher).toEqual(['offer_exhausted', 'ticket_reopened', 'ticket_urged', 'sla_escalated', 'low_stock']);
  });

  it('names every bad field of every kind at once, before any request', () => {
    const draft = draftOf(saved);
    draft.job_offered = { ...draft.job_offered, templateId: 'bad id!' };
    draft.ticket_closed = { ...draft.ticket_closed, fields: [{ key: 'subject1', source: 'status' }] };
    draft.job_assigned = { templateId: '', fields: [{ key: 'thing1', source: 'assetName' }] }; // fields but no id
    draft.ticket_accepted = { templateId: 'tpl-accepted-1', fields: [] };
    draft.ticket_resolved = {
      templateId: 'tpl-resolved-1',
      fields: [
        { key: 'thing1', source: 'assetName' },
        { key: 'thing1', source: 'siteName' },
      ],
    };
    const { errors } = buildSettings(draft);
    expect(errors).toEqual({
      job_offered: { templateId: 'needTemplateId' },
      job_assigned: { templateId: 'needTemplateId' },
      ticket_accepted: { fields: 'needFields' },
      ticket_resolved: { fields: 'duplicateFieldKeything1' },
      ticket_closed: { fields: 'badFieldKeysubject1' },
    });
  });

  it('ignores a blank field row the user added and left, and trims what was typed', () => {
    const draft = draftOf([]);
    draft.offer_exhausted = {
      templateId: ' tpl-exhausted ',
      fields: [
        { key: ' thing3 ', source: 'reason' },
        { key: '', source: 'time' },
      ],
    };
    expect(buildSettings(draft).body).toEqual({
      templates: [{ kind: 'offer_exhausted', templateId: 'tpl-exhausted', fields: { thing3: 'reason' } }],
    });
  });

  it("puts the server's validation issues next to the kind and field they name", () => {
    const error = new ApiError('VALIDATION_FAILED', 'invalid', 400, {
      issues: [
        { path: 'templates.1.templateId', code: 'invalid_format', message: 'invalid template id' },
        { path: 'templates.0.fields.thing99', code: 'invalid_key', message: 'not a WeChat template key' },
        { path: 'templates', code: 'custom', message: 'one template per kind' },
      ],
    });
    expect(serverSettingsErrors(error, ['job_offered', 'ticket_closed'])).toEqual({
      job_offered: { fields: 'not a WeChat template key' },
      ticket_closed: { templateId: 'invalid template id' },
    });
    expect(serverSettingsErrors(new ApiError('FORBIDDEN', 'no', 403, {}), ['job_offered'])).toEqual({});
  });
});
