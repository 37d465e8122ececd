import type { EntityManager } from 'typeorm';
import {
  KIND_RECIPIENT,
  type FieldSource,
  type NotificationKind,
  type RecipientType,
  type WechatSettingsInput,
  type WechatSettingsResponse,
  type WechatTemplateSetting,
} from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { WechatTemplate } from './wechat-template.entity';
import { presentTemplate } from './notifications.presenter';

export async function tenantTemplates(em: EntityManager, tenantId: number, recipient?: RecipientType): Promise<WechatTemplate[]> {
  const rows = await em.find(WechatTemplate, { where: { tenantId }, order: { id: 'ASC' } });
  return recipient ? rows.filter((t) => KIND_RECIPIENT[t.kind] === recipient) : rows;
}

export async function getWechatSettings(deps: Deps, tenantId: number): Promise<WechatSettingsResponse> {
  const rows = await tenantTemplates(deps.db.ds.manager, tenantId);
  return { settings: { mode: deps.wechatMode, templates: rows.map(presentTemplate) } };
}

/** Replaces the tenant's templates: kinds left out send nothing (their notifications are skipped as no_template). */
export async function putWechatSettings(deps: Deps, tenantId: number, input: WechatSettingsInput): Promise<WechatSettingsResponse> {
  await deps.db.transaction((em) => replaceTemplates(em, tenantId, input.templates, deps.clock.now()));
  return getWechatSettings(deps, tenantId);
}

export async function replaceTemplates(em: EntityManager, tenantId: number, templates: WechatTemplateSetting[], now: Date): Promise<void> {
  await em.delete(WechatTemplate, { tenantId });
  if (templates.length === 0) return;
  await em.insert(
    WechatTemplate,
    templates.map((t) => ({ tenantId, kind: t.kind, templateId: t.templateId, fields: t.fields, updatedAt: now })),
  );
}

/** A sensible field layout per kind, used by the demo tenant (with the stand-in's made-up template ids). */
export const SUGGESTED_FIELDS: Record<NotificationKind, Record<string, FieldSource>> = {
  job_offered: { character_string1: 'ticketNumber', thing2: 'assetName', thing3: 'description', thing4: 'siteName', time5: 'time' },
  job_assigned: { character_string1: 'ticketNumber', thing2: 'assetName', thing3: 'description', thing4: 'siteName', time5: 'time' },
  job_reassigned: { character_string1: 'ticketNumber', thing2: 'assetName', thing3: 'reason', time4: 'time' },
  ticket_accepted: { character_string1: 'ticketNumber', thing2: 'assetName', name3: 'engineerName', time4: 'time' },
  engineer_on_the_way: { character_string1: 'ticketNumber', thing2: 'assetName', name3: 'engineerName', time4: 'time' },
  ticket_resolved: { character_string1: 'ticketNumber', thing2: 'assetName', phrase3: 'status', time4: 'time' },
  ticket_closed: { character_string1: 'ticketNumber', thing2: 'assetName', phrase3: 'status', time4: 'time' },
  quote_pending: { character_string1: 'ticketNumber', thing2: 'assetName', thing3: 'reason', time4: 'time' },
  offer_exhausted: { character_string1: 'ticketNumber', thing2: 'assetName', thing3: 'reason', time4: 'time' },
  ticket_reopened: { character_string1: 'ticketNumber', thing2: 'assetName', thing3: 'reason', time4: 'time' },
  ticket_urged: { character_string1: 'ticketNumber', thing2: 'assetName', phrase3: 'status', time4: 'time' },
  sla_escalated: { character_string1: 'ticketNumber', thing2: 'assetName', thing3: 'reason', time4: 'time' },
  // thing ≤ 20 characters (the part's name), character_string ≤ 32 ASCII (the SKU), number ≤ 32 digits.
  low_stock: { thing1: 'partName', character_string2: 'partSku', number3: 'onHand', number4: 'minStock', time5: 'time' },
};

/** Demo templates for the stand-in: ids like `demo-job-offered`, which only the stand-in accepts. */
export function demoTemplates(): WechatTemplateSetting[] {
  return (Object.keys(SUGGESTED_FIELDS) as NotificationKind[]).map((kind) => ({
    kind,
    templateId: `demo-${kind.replace(/_/g, '-')}`,
    fields: SUGGESTED_FIELDS[kind],
  }));
}
