import { buildTenantUpdate, tenantDraftOf } from './form';

describe('the dispatch and system settings form', () => {
  it('round-trips the saved settings', () => {
    const saved = { dispatchMode: 'pool', offerTimeoutSeconds: 300, timezone: 'Asia/Shanghai' } as const;
    expect(buildTenantUpdate(tenantDraftOf(saved))).toEqual({ body: saved, errors: {} });
  });

  it('refuses a timeout out of range or not a whole number, and an unknown zone, naming both', () => {
    for (const offerTimeoutSeconds of ['10', '90000', '60.5', 'abc', '']) {
      const { body, errors } = buildTenantUpdate({ dispatchMode: 'auto', offerTimeoutSeconds, timezone: 'Mars/Base' });
      expect(body).toBeNull();
      expect(errors).toEqual({ offerTimeoutSeconds: 'tenantBadTimeout', timezone: 'tenantBadTimezone' });
    }
  });

  it('accepts any IANA zone typed with spaces around it', () => {
    expect(buildTenantUpdate({ dispatchMode: 'manual', offerTimeoutSeconds: ' 45 ', timezone: ' America/Sao_Paulo ' }).body).toEqual({
      dispatchMode: 'manual',
      offerTimeoutSeconds: 45,
      timezone: 'America/Sao_Paulo',
    });
  });
});
