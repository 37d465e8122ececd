import type { MyTicket, Page, PaginationQuery, PhoneResponse, ReporterSessionResponse } from '@baoxiu/shared';
import { isUniqueViolation } from '../../db/database';
import type { Deps } from '../../deps';
import { requireWechat } from '../../wechat/setup';
import { pageWindow, toPage } from '../../lib/pagination';
import { iso } from '../../lib/time';
import { Asset } from '../assets/asset.entity';
import { Ticket } from '../tickets/ticket.entity';
import { Reporter } from './reporter.entity';
import { signReporterToken } from './reporter.session';

/** The reporter of this openid, created on first sign-in; a concurrent first sign-in finds the winner's row. */
async function upsertReporter(deps: Deps, openid: string, unionid: string | null): Promise<Reporter> {
  const repo = deps.db.ds.getRepository(Reporter);
  const now = deps.clock.now();
  const existing = await repo.findOneBy({ openid });
  if (existing) {
    await repo.update({ id: existing.id }, { lastSeenAt: now, ...(unionid ? { unionid } : {}) });
    return existing;
  }
  try {
    await repo.insert({ openid, unionid, phone: null, createdAt: now, lastSeenAt: now });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  return repo.findOneByOrFail({ openid });
}

/** Sign-in of a reporter: Taro.login's code → openid → a session of ours (WeChat's session_key stays on the server). */
export async function signInReporter(deps: Deps, openid: string, unionid: string | null): Promise<ReporterSessionResponse> {
  const reporter = await upsertReporter(deps, openid, unionid);
  return { token: signReporterToken(deps.jwtSecret, reporter), reporter: { phone: reporter.phone } };
}

/** The phone-number button's code → the number WeChat verified, kept on the reporter to prefill forms. */
export async function savePhoneFromWechat(deps: Deps, reporter: Reporter, code: string): Promise<PhoneResponse> {
  const info = await requireWechat(deps).phoneNumber(code);
  const phone = info.countryCode && info.countryCode !== '86' ? `+${info.countryCode} ${info.purePhoneNumber}` : info.purePhoneNumber;
  await deps.db.ds.getRepository(Reporter).update({ id: reporter.id }, { phone });
  return { phone };
}

/** Every request this WeChat user filed, whichever device and whichever tenant's asset. */
export async function myTickets(deps: Deps, reporter: Reporter, q: PaginationQuery): Promise<Page<MyTicket>> {
  const { skip, take } = pageWindow(q);
  const [rows, total] = await deps.db.ds.getRepository(Ticket).findAndCount({
    where: { reporterOpenid: reporter.openid },
    order: { createdAt: 'DESC', id: 'DESC' },
    skip,
    take,
  });
  const assetIds = [...new Set(rows.map((t) => t.assetId))];
  const assets = assetIds.length ? await deps.db.ds.getRepository(Asset).findBy(assetIds.map((id) => ({ id }))) : [];
  const byId = new Map(assets.map((a) => [a.id, a]));
  const items = rows.map((t): MyTicket => ({
    number: t.number,
    status: t.status,
    trackingToken: t.trackingToken,
    createdAt: iso(t.createdAt),
    description: t.description,
    asset: { code: byId.get(t.assetId)?.code ?? '', name: byId.get(t.assetId)?.name ?? '' },
  }));
  return toPage(items, q, total);
}
