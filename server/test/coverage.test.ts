import type { ContractView } from '@baoxiu/shared';
import { Asset } from '../src/modules/assets/asset.entity';
import { DRIVERS, startTestSystem, waitFor, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeTenant, makeUser } from './helpers/factories';
import { errorOf, fileTicket, waitForOffer } from './helpers/contract';

describe.each(DRIVERS)('coverage at intake on %s', (driver) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(driver);
  });
  afterAll(async () => {
    await sys.stop();
  });

  const day = (offset: number) => new Date(sys.deps.clock.now().getTime() + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

  it("keeps service contracts per asset or site: unique number, one subject, start before end, the tenant's own asset", async () => {
    const t = await makeTenant(sys.deps);
    const asset = await makeAsset(sys.deps, t.id, t.siteIds[0]);
    const post = (body: object) => sys.http.post('/api/contracts').set(auth(t.admin.token)).send(body);
    const made = await post({ number: 'WB-2026-001', assetId: asset.id, coverage: 'both', startsOn: day(-10), endsOn: day(300) }).expect(
      201,
    );
    const contract = made.body.contract as ContractView;
    expect(contract).toMatchObject({ number: 'WB-2026-001', assetId: asset.id, siteId: null, coverage: 'both' });
    // The list and the answer name the asset, so the console shows it without a lookup per row.
    expect(contract.asset).toEqual({ name: asset.name, code: asset.code });
    const dup = await post({ number: 'WB-2026-001', siteId: t.siteIds[0], coverage: 'parts', startsOn: day(0), endsOn: day(1) });
    expect([dup.status, errorOf(dup.body)?.code]).toEqual([409, 'CONTRACT_NUMBER_TAKEN']);
    for (const bad of [{ assetId: asset.id, siteId: t.siteIds[0] }, {}, { siteId: t.siteIds[0], startsOn: day(2), endsOn: day(1) }]) {
      const res = await post({ number: 'WB-X', coverage: 'labour', startsOn: day(0), endsOn: day(1), ...bad });
      expect([res.status, errorOf(res.body)?.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    const moved = await sys.http
      .patch(`/api/contracts/${contract.id}`)
      .set(auth(t.admin.token))
      .send({ siteId: t.siteIds[1], coverage: 'labour' })
      .expect(200);
    expect(moved.body.contract).toMatchObject({ assetId: null, asset: null, siteId: t.siteIds[1], coverage: 'labour' });
    const listed = await sys.http.get(`/api/contracts?siteId=${t.siteIds[1]}&active=true`).set(auth(t.dispatcher.token)).expect(200);
    expect(listed.body.items.map((c: ContractView) => c.id)).toEqual([contract.id]);
    await sys.http.delete(`/api/contracts/${contract.id}`).set(auth(t.admin.token)).expect(204);
    const gone = await sys.http.get(`/api/contracts/${contract.id}`).set(auth(t.dispatcher.token));
    expect([gone.status, errorOf(gone.body)?.code]).toEqual([404, 'CONTRACT_NOT_FOUND']);
  });

  it("decides each new ticket's coverage from the warranty, then contracts in force on the asset or its site, and shows it to staff, the engineer and the reporter", async () => {
    const t = await makeTenant(sys.deps, { dispatchMode: 'manual' });
    const engineer = await makeUser(sys.deps, t.id, 'engineer');
    const asset = async (siteIndex: number, warrantyUntil: string | null) => {
      const a = await makeAsset(sys.deps, t.id, t.siteIds[siteIndex]);
      await sys.deps.db.ds.getRepository(Asset).update({ id: a.id }, { warrantyUntil });
      return a;
    };
    const inWarranty = await asset(0, day(0)); // the last day of warranty still counts
    const byAssetContract = await asset(0, day(-1));
    const bySiteContract = await asset(1, null);
    const expiredContract = await asset(0, null);
    const chargeable = await asset(0, day(-400));
    const contract = (body: object) =>
      sys.http
        .post('/api/contracts')
        .set(auth(t.admin.token))
        .send({ coverage: 'both', ...body })
        .expect(201);
    await contract({ number: 'C-ASSET', assetId: byAssetContract.id, startsOn: day(-30), endsOn: day(0) });
    await contract({ number: 'C-SITE', siteId: t.siteIds[1], startsOn: day(0), endsOn: day(365) });
    await contract({ number: 'C-OLD', assetId: expiredContract.id, startsOn: day(-400), endsOn: day(-1) });
    await contract({ number: 'C-LATER', assetId: chargeable.id, startsOn: day(1), endsOn: day(400) });

    const cases = [
      [inWarranty, 'warranty'],
      [byAssetContract, 'contract'],
      [bySiteContract, 'contract'],
      [expiredContract, 'chargeable'],
      [chargeable, 'chargeable'],
    ] as const;
    for (const [i, [a, coverage]] of cases.entries()) {
      const filed = await fileTicket(sys.http, `coverage-${driver}-${i}`, {
        assetCode: a.code,
        description: '不制冷',
        contactPhone: '13800138000',
      });
      const staff = await sys.http.get(`/api/tickets/${filed.number}`).set(auth(t.dispatcher.token)).expect(200);
      const tracked = await sys.http.get(`/api/public/tickets/${filed.trackingToken}`).expect(200);
      expect([a.code, staff.body.ticket.coverage, tracked.body.ticket.coverage]).toEqual([a.code, coverage, coverage]);
      if (i === 0) {
        // Intake's own follow-up may bump the fresh ticket's version first (409 CONFLICT): the dispatcher tries again.
        await waitFor(
          async () =>
            (await sys.http.post(`/api/tickets/${filed.number}/assign`).set(auth(t.dispatcher.token)).send({ engineerId: engineer.id }))
              .status === 200,
          'the assignment',
        );
        const job = await waitForOffer(sys.http, engineer.token, filed.number);
        expect(job.coverage).toBe('warranty');
      }
    }
  });
});
