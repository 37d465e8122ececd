import { z } from 'zod';
import { AssetCodeSchema, itemsSchema, pageSchema, RoleSchema, TicketStatusSchema } from './common';
import { StaffUserSchema } from './auth';
import { text } from './text';

/** A wx.login / phone-button code: opaque, one-time, five minutes. */
const WechatCodeSchema = text().trim().min(1).max(128);

export const WechatSignInSchema = z.object({
  code: WechatCodeSchema,
  /** reporter: a session by openid; staff: the staff account this WeChat is bound to. */
  as: z.enum(['reporter', 'staff']).default('reporter'),
});
export type WechatSignInInput = z.infer<typeof WechatSignInSchema>;

export const InviteTokenSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{20,64}$/, 'invalid invite');

export const WechatBindSchema = z.object({ code: WechatCodeSchema, invite: InviteTokenSchema });
export type WechatBindInput = z.infer<typeof WechatBindSchema>;

export const ReporterSessionResponseSchema = z.object({
  token: z.string(),
  reporter: z.object({ phone: z.string().nullable() }),
});
export type ReporterSessionResponse = z.infer<typeof ReporterSessionResponseSchema>;

export const WechatStaffSessionResponseSchema = z.object({ token: z.string(), user: StaffUserSchema, tenant: z.string() });
export type WechatStaffSessionResponse = z.infer<typeof WechatStaffSessionResponseSchema>;

export const InviteCreateSchema = z.object({ ttlHours: z.number().int().min(1).max(168).default(24) });
export type InviteCreateInput = z.infer<typeof InviteCreateSchema>;

export const InviteResponseSchema = z.object({
  invite: z.object({ url: z.string(), expiresAt: z.string(), qrSvg: z.string(), user: StaffUserSchema }),
});
export type InviteResponse = z.infer<typeof InviteResponseSchema>;

export const PhoneCodeSchema = z.object({ code: WechatCodeSchema });
export const PhoneResponseSchema = z.object({ phone: z.string() });
export type PhoneResponse = z.infer<typeof PhoneResponseSchema>;

/** What wx.requestSubscribeMessage answered per template id (its errMsg key is ignored). */
export const SubscriptionResultsSchema = z.object({
  results: z
    .record(z.string().regex(/^[\w-]{8,64}$/), z.enum(['accept', 'reject', 'ban', 'filter']))
    .refine((r) => Object.keys(r).length <= 10, 'at most 10 templates'),
});
export type SubscriptionResultsInput = z.infer<typeof SubscriptionResultsSchema>;

export const NOTIFICATION_KINDS = [
  'job_offered',
  'job_assigned',
  'job_reassigned', // engineer
  'ticket_accepted',
  'engineer_on_the_way',
  'ticket_resolved',
  'ticket_closed',
  'quote_pending', // reporter
  'offer_exhausted',
  'ticket_reopened',
  'ticket_urged',
  'sla_escalated',
  'low_stock', // dispatcher
] as const;
export const NotificationKindSchema = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKindSchema>;

export const RECIPIENT_TYPES = ['engineer', 'reporter', 'dispatcher'] as const;
export type RecipientType = (typeof RECIPIENT_TYPES)[number];

export const KIND_RECIPIENT: Record<NotificationKind, RecipientType> = {
  job_offered: 'engineer',
  job_assigned: 'engineer',
  job_reassigned: 'engineer',
  ticket_accepted: 'reporter',
  engineer_on_the_way: 'reporter',
  ticket_resolved: 'reporter',
  ticket_closed: 'reporter',
  quote_pending: 'reporter',
  offer_exhausted: 'dispatcher',
  ticket_reopened: 'dispatcher',
  ticket_urged: 'dispatcher',
  sla_escalated: 'dispatcher',
  low_stock: 'dispatcher',
};

/** What a ticket message's field is filled with; the server cuts each value to the key type's WeChat limit. */
export const TICKET_FIELD_SOURCES = [
  'ticketNumber',
  'assetName',
  'assetCode',
  'siteName',
  'location',
  'description',
  'status',
  'engineerName',
  'time',
  'reason',
  'urgency',
  'contactName',
] as const;
/** What the low-stock message's field is filled with: the part, its total on hand at the crossing, its minimum, the time. */
export const STOCK_FIELD_SOURCES = ['partName', 'partSku', 'onHand', 'minStock', 'time'] as const;
export const FIELD_SOURCES = [...TICKET_FIELD_SOURCES, ...STOCK_FIELD_SOURCES.filter((s) => s !== 'time')] as const;
export const FieldSourceSchema = z.enum(FIELD_SOURCES);
export type FieldSource = z.infer<typeof FieldSourceSchema>;

/** The sources a kind's template may use: a low-stock message is about a part, every other kind about a ticket. */
export function fieldSourcesOf(kind: NotificationKind): readonly FieldSource[] {
  return kind === 'low_stock' ? STOCK_FIELD_SOURCES : TICKET_FIELD_SOURCES;
}

/** thing1, time2, character_string3 …: WeChat's template keys, typed by their prefix. */
export const TemplateKeySchema = z
  .string()
  .regex(
    /^(thing|number|letter|symbol|character_string|time|date|amount|phone_number|car_number|name|phrase)\d{1,2}$/,
    'not a WeChat template key',
  );

export const TemplateIdSchema = z
  .string()
  .trim()
  .regex(/^[\w-]{8,64}$/, 'invalid template id');

export const WechatTemplateSettingSchema = z
  .object({
    kind: NotificationKindSchema,
    templateId: TemplateIdSchema,
    fields: z
      .record(TemplateKeySchema, FieldSourceSchema)
      .refine((f) => Object.keys(f).length >= 1 && Object.keys(f).length <= 10, '1 to 10 fields'),
  })
  .superRefine((t, ctx) => {
    const allowed = fieldSourcesOf(t.kind);
    for (const [key, source] of Object.entries(t.fields)) {
      if (!allowed.includes(source)) ctx.addIssue({ code: 'custom', path: ['fields', key], message: `not a source of ${t.kind}` });
    }
  });
export type WechatTemplateSetting = z.infer<typeof WechatTemplateSettingSchema>;

export const WechatSettingsSchema = z.object({
  templates: z
    .array(WechatTemplateSettingSchema)
    .max(NOTIFICATION_KINDS.length)
    .refine((t) => new Set(t.map((x) => x.kind)).size === t.length, 'one template per kind'),
});
export type WechatSettingsInput = z.infer<typeof WechatSettingsSchema>;

export const WechatSettingsResponseSchema = z.object({
  settings: z.object({
    mode: z.enum(['wechat', 'standin', 'off']),
    templates: z.array(WechatTemplateSettingSchema),
  }),
});
export type WechatSettingsResponse = z.infer<typeof WechatSettingsResponseSchema>;

export const CreditViewSchema = z.object({
  kind: NotificationKindSchema,
  templateId: z.string(),
  credits: z.number(),
  refused: z.boolean(),
});
export type CreditView = z.infer<typeof CreditViewSchema>;

/**
 * A person's templates as a client reads them: a kind this build does not know (a newer server's) is left out, so an
 * older mini-program still loads the rest instead of refusing the whole answer.
 */
const KnownCreditsSchema = z.preprocess(
  (v) =>
    Array.isArray(v)
      ? v.filter((x: unknown) => {
          const kind = typeof x === 'object' && x !== null && 'kind' in x ? x.kind : undefined;
          return NotificationKindSchema.safeParse(kind).success;
        })
      : v,
  z.array(CreditViewSchema),
);

/** The templates a person may subscribe to (for wx.requestSubscribeMessage) and what is left of each. */
export const SubscriptionStatusSchema = z.object({ bound: z.boolean(), templates: KnownCreditsSchema });
export type SubscriptionStatus = z.infer<typeof SubscriptionStatusSchema>;

export const StaffWechatViewSchema = z.object({
  id: z.number(),
  name: z.string(),
  role: RoleSchema,
  bound: z.boolean(),
  templates: KnownCreditsSchema,
  /** Bound but out of credit (or refused) for a template of theirs: messages cannot reach them. */
  needsSubscription: z.boolean(),
});
export type StaffWechatView = z.infer<typeof StaffWechatViewSchema>;
/** GET /api/staff/wechat */
export const StaffWechatListResponseSchema = itemsSchema(StaffWechatViewSchema);
export type StaffWechatListResponse = z.infer<typeof StaffWechatListResponseSchema>;
/** DELETE /api/staff/:id/wechat */
export const UnboundResponseSchema = z.object({ bound: z.literal(false) });
export type UnboundResponse = z.infer<typeof UnboundResponseSchema>;

export const NOTIFICATION_STATUSES = ['pending', 'sending', 'retrying', 'sent', 'refused', 'failed', 'unknown', 'skipped'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export const NotificationViewSchema = z.object({
  id: z.number(),
  kind: NotificationKindSchema,
  recipientType: z.enum(RECIPIENT_TYPES),
  recipientUserId: z.number().nullable(),
  /** The staff recipient's name (null for the reporter, or an account since removed). */
  recipientName: z.string().nullable(),
  status: z.enum(NOTIFICATION_STATUSES),
  /** Why it was not sent: no_wechat, no_template, no_credit, refused, wechat_off, cleared (low stock restocked first), or WeChat's error. */
  reason: z.string().nullable(),
  attempts: z.number(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof NotificationViewSchema>;

export const MyTicketSchema = z.object({
  number: z.string(),
  status: TicketStatusSchema,
  trackingToken: z.string(),
  createdAt: z.string(),
  description: z.string(),
  asset: z.object({ code: z.string(), name: z.string() }),
});
export type MyTicket = z.infer<typeof MyTicketSchema>;
/** GET /api/public/me/tickets */
export const MyTicketPageSchema = pageSchema(MyTicketSchema);
export type MyTicketPage = z.infer<typeof MyTicketPageSchema>;

export const DevLoginCodeSchema = z.object({
  user: z
    .string()
    .trim()
    .regex(/^[\w-]{4,64}$/),
});
export const DevPhoneCodeSchema = z.object({
  phoneNumber: z
    .string()
    .trim()
    .regex(/^\d{5,15}$/),
});
export const DevCodeResponseSchema = z.object({ code: z.string() });

/** `GET /api/public/me/subscriptions?asset=CODE`: the reporter's credits for the templates of the asset's tenant. */
export const ReporterSubscriptionQuerySchema = z.object({ asset: AssetCodeSchema });
