import { Tenant } from '../modules/tenants/tenant.entity';
import { User } from '../modules/auth/user.entity';
import { Site } from '../modules/assets/site.entity';
import { Asset } from '../modules/assets/asset.entity';
import { Ticket } from '../modules/tickets/ticket.entity';
import { TicketEvent } from '../modules/tickets/ticket-event.entity';
import { TicketCounter } from '../modules/intake/ticket-counter.entity';
import { Offer } from '../modules/dispatch/offer.entity';
import { EngineerShift } from '../modules/dispatch/shift.entity';
import { Upload } from '../modules/uploads/upload.entity';
import { OutboxRow } from '../queue/outbox.entity';
import { Reporter } from '../modules/reporters/reporter.entity';
import { StaffWechatBinding } from '../modules/auth/wechat-binding.entity';
import { StaffWechatInvite } from '../modules/auth/wechat-invite.entity';
import { Notification } from '../modules/notifications/notification.entity';
import { SubscriptionCredit } from '../modules/notifications/subscription-credit.entity';
import { WechatTemplate } from '../modules/notifications/wechat-template.entity';
import { KpiDaily, KpiSweep } from '../modules/reports/kpi.entity';
import { BillingPlan, BillingSubscription, BillingUsageDaily, BillingUsageEvent } from '../modules/billing/billing.entity';
import { BillingInvoice, BillingInvoiceCounter } from '../modules/billing/invoice.entity';
import { SlaCalendar } from '../modules/sla/calendar.entity';
import { SlaHoliday } from '../modules/sla/holiday.entity';
import { SlaPolicy } from '../modules/sla/policy.entity';
import { SlaClockEvent } from '../modules/sla/clock-event.entity';
import { SlaEscalation } from '../modules/escalation/escalation.entity';
import { ApiKey } from '../modules/auth/api-key.entity';
import { PmOccurrenceRow, PmPlanRow } from '../modules/pm/pm.entity';
import { Part } from '../modules/parts/part.entity';
import { ServiceContract } from '../modules/parts/contract.entity';
import { LabourSettingsRow, TicketQuote } from '../modules/parts/quote.entity';
import { StockBalance, StockLocation, StockLowAlert, StockMovement } from '../modules/parts/stock.entity';
import { KbArticle, KbEvent, KbSynonymSet } from '../modules/kb/kb.entity';

export const ENTITIES = [
  Tenant,
  User,
  Site,
  Asset,
  Ticket,
  TicketEvent,
  TicketCounter,
  Offer,
  Upload,
  OutboxRow,
  Reporter,
  StaffWechatBinding,
  StaffWechatInvite,
  Notification,
  SubscriptionCredit,
  WechatTemplate,
  KpiDaily,
  KpiSweep,
  SlaCalendar,
  SlaHoliday,
  SlaPolicy,
  SlaClockEvent,
  SlaEscalation,
  ApiKey,
  PmPlanRow,
  PmOccurrenceRow,
  BillingPlan,
  BillingSubscription,
  BillingUsageDaily,
  BillingUsageEvent,
  BillingInvoice,
  BillingInvoiceCounter,
  KbArticle,
  KbSynonymSet,
  KbEvent,
  Part,
  StockLocation,
  StockBalance,
  StockMovement,
  StockLowAlert,
  ServiceContract,
  TicketQuote,
  LabourSettingsRow,
  EngineerShift,
];
