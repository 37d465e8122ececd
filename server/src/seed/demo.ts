import type { EntityManager } from 'typeorm';
import type { Deps } from '../deps';
import { newAssetCode } from '../lib/ids';
import { Tenant } from '../modules/tenants/tenant.entity';
import { User } from '../modules/auth/user.entity';
import { Site } from '../modules/assets/site.entity';
import { Asset } from '../modules/assets/asset.entity';
import { hashPassword, scryptCost } from '../modules/auth/password';
import { demoTemplates, replaceTemplates } from '../modules/notifications/templates.service';
import { ensureCatalog, publishedPlan } from '../modules/billing/catalog.service';
import { TOP_PLAN } from '../modules/billing/catalog.demo';
import { createSubscription } from '../modules/billing/subscriptions.service';
import { isoDayInZone } from '../lib/time';

export interface DemoSummary {
  tenant: string;
  users: Array<{ username: string; role: string; name: string }>;
  password: string;
  assetCodes: Array<{ code: string; name: string }>;
}

const CATEGORIES = ['空调', '电梯', '电气', 'IT设备'] as const;
const ASSET_NAMES: Record<(typeof CATEGORIES)[number], string[]> = {
  空调: ['格力中央空调 1 号机组', '大金风机盘管', '美的多联机室外机', '机房精密空调', '新风机组'],
  电梯: ['1 号客梯', '2 号客梯', '货梯', '扶梯（东侧）', '地库电梯'],
  电气: ['配电柜 A', '应急照明回路', '大堂照明', 'UPS 电源', '充电桩 3 号'],
  IT设备: ['前台打印机', '会议室投影仪', '核心交换机', '门禁控制器', '监控录像机'],
};

async function insertUser(em: EntityManager, tenantId: number, u: Partial<User>, passwordHash: string, now: Date) {
  await em.insert(User, {
    tenantId,
    passwordHash,
    phone: null,
    skills: [],
    siteIds: [],
    onDuty: true,
    lastAssignedAt: null,
    active: true,
    createdAt: now,
    ...u,
  });
}

/** The demo tenant: 2 sites, 20 assets in 4 categories, 3 engineers, a dispatcher and an admin. */
export async function seedDemo(deps: Deps): Promise<DemoSummary | null> {
  const repo = deps.db.ds.getRepository(Tenant);
  if (await repo.findOneBy({ slug: 'demo' })) return null;
  const passwordHash = await hashPassword(deps.config.demoPassword, scryptCost(deps.config.passwordLog2N));
  const now = deps.clock.now();
  const assetCodes: DemoSummary['assetCodes'] = [];
  await ensureCatalog(deps);
  const topPlan = await publishedPlan(deps, TOP_PLAN);
  await deps.db.transaction(async (em) => {
    const tenantId = (
      await em.insert(Tenant, {
        slug: 'demo',
        name: '演示物业 Demo Facilities',
        dispatchMode: 'auto',
        offerTimeoutSeconds: 300,
        timezone: 'Asia/Shanghai',
        createdAt: now,
      })
    ).identifiers[0].id as number;
    const siteIds: number[] = [];
    for (const s of [
      { name: '浦东科技园 A 座', address: '上海市浦东新区张江路 100 号', region: '浦东' },
      { name: '徐汇商务中心', address: '上海市徐汇区漕溪北路 200 号', region: '徐汇' },
    ])
      siteIds.push((await em.insert(Site, { tenantId, ...s, createdAt: now })).identifiers[0].id as number);
    let i = 0;
    for (const category of CATEGORIES) {
      for (const name of ASSET_NAMES[category]) {
        const code = newAssetCode();
        const warranty = new Date(now.getTime() + (i % 3 === 0 ? -200 : 400) * 86_400_000).toISOString().slice(0, 10);
        await em.insert(Asset, {
          tenantId,
          siteId: siteIds[i % 2],
          code,
          name,
          model: null,
          serial: `SN-${1000 + i}`,
          category,
          location: `${(i % 5) + 1}F`,
          warrantyUntil: warranty,
          customFields: {},
          createdAt: now,
          updatedAt: now,
        });
        if (i % 5 === 0) assetCodes.push({ code, name });
        i += 1;
      }
    }
    await insertUser(em, tenantId, { username: 'admin', name: '管理员 Admin', role: 'admin' }, passwordHash, now);
    await insertUser(em, tenantId, { username: 'dispatcher', name: '调度员 Dispatcher', role: 'dispatcher' }, passwordHash, now);
    await insertUser(
      em,
      tenantId,
      { username: 'engineer1', name: '张工', role: 'engineer', skills: ['空调', '电气'], siteIds },
      passwordHash,
      now,
    );
    await insertUser(
      em,
      tenantId,
      { username: 'engineer2', name: '李工', role: 'engineer', skills: ['电梯', '电气'], siteIds },
      passwordHash,
      now,
    );
    await insertUser(
      em,
      tenantId,
      { username: 'engineer3', name: '王工', role: 'engineer', skills: ['IT设备', '空调'], siteIds: [siteIds[0]] },
      passwordHash,
      now,
    );
    // On a trial of the top plan, so a newcomer sees every module.
    await createSubscription(em, now, { tenantId, plan: topPlan, seats: 10, startedOn: isoDayInZone(now, 'Asia/Shanghai') });
    // Made-up template ids only the local WeChat stand-in accepts; with the real WeChat an admin sets real ones.
    if (deps.wechatMode === 'standin') await replaceTemplates(em, tenantId, demoTemplates(), now);
  });
  return {
    tenant: 'demo',
    password: deps.config.demoPassword,
    users: [
      { username: 'admin', role: 'admin', name: '管理员 Admin' },
      { username: 'dispatcher', role: 'dispatcher', name: '调度员 Dispatcher' },
      { username: 'engineer1', role: 'engineer', name: '张工' },
      { username: 'engineer2', role: 'engineer', name: '李工' },
      { username: 'engineer3', role: 'engineer', name: '王工' },
    ],
    assetCodes,
  };
}
