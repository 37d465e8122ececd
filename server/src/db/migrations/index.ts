import type { MigrationInterface } from 'typeorm';
import { TicketQuotes1796170200000 } from './1796170200000-TicketQuotes';
import { SignatureRequired1796172100000 } from './1796172100000-SignatureRequired';
import { EngineerShifts1796173000000 } from './1796173000000-EngineerShifts';
import { PmBackfill1796173456789 } from './1796173456789-PmBackfill';
import { SlaAttainment1796173100000 } from './1796173100000-SlaAttainment';
import { SlaOutcomeBackfill1796174100000 } from './1796174100000-SlaOutcomeBackfill';
import { LowStockNotifications1796174300000 } from './1796174300000-LowStockNotifications';
import { ServiceContracts1796170100000 } from './1796170100000-ServiceContracts';
import { PartsStock1796170000000 } from './1796170000000-PartsStock';
import { KpiDashboardMeasures1796167531443 } from './1796167531443-KpiDashboardMeasures';
import { SlaEscalations1796169932492 } from './1796169932492-SlaEscalations';
import { SlaClockLedger1796167993646 } from './1796167993646-SlaClockLedger';
import { SlaPolicies1796167581739 } from './1796167581739-SlaPolicies';
import { SlaCalendars1796167413374 } from './1796167413374-SlaCalendars';
import { BillingInvoices1796168556034 } from './1796168556034-BillingInvoices';
import { BillingCatalogUsage1796167599103 } from './1796167599103-BillingCatalogUsage';
import { KpiRollup1795412160485 } from './1795412160485-KpiRollup';
import { OffersLastOfferedIndex1795411246543 } from './1795411246543-OffersLastOfferedIndex';
import { DispatchRosterVersion1795410657949 } from './1795410657949-DispatchRosterVersion';
import { WechatIntegration1795404618254 } from './1795404618254-WechatIntegration';
import { TicketListAndSweeperIndexes1795404057123 } from './1795404057123-TicketListAndSweeperIndexes';
import { AssetExternalId1795403632274 } from './1795403632274-AssetExternalId';
import { Initial1795401683619 } from './1795401683619-Initial';
import { PreventiveMaintenance1796172000000 } from './1796172000000-PreventiveMaintenance';
import { UserTokenVersion1796166979548 } from './1796166979548-UserTokenVersion';
import { ApiKeys1796170500000 } from './1796170500000-ApiKeys';
import { KnowledgeBase1796171000000 } from './1796171000000-KnowledgeBase';
import { EngineerOpenJobs1796174200000 } from './1796174200000-EngineerOpenJobs';
import { QuoteQueueIndex1796174000000 } from './1796174000000-QuoteQueueIndex';
import { QueueNowIndex1796180000000 } from './1796180000000-QueueNowIndex';
import { PmClaimIndexDrop1796180100000 } from './1796180100000-PmClaimIndexDrop';
import { EngineerOfferLoad1796190000000 } from './1796190000000-EngineerOfferLoad';
import { NotificationStockAlertIndex1796190100000 } from './1796190100000-NotificationStockAlertIndex';
import { OutboxLanes1796190200000 } from './1796190200000-OutboxLanes';

export const MIGRATIONS: Array<new () => MigrationInterface> = [
  Initial1795401683619,
  AssetExternalId1795403632274,
  TicketListAndSweeperIndexes1795404057123,
  WechatIntegration1795404618254,
  DispatchRosterVersion1795410657949,
  OffersLastOfferedIndex1795411246543,
  KpiRollup1795412160485,
  UserTokenVersion1796166979548,
  KpiDashboardMeasures1796167531443,
  SlaCalendars1796167413374,
  SlaPolicies1796167581739,
  SlaClockLedger1796167993646,
  SlaEscalations1796169932492,
  BillingCatalogUsage1796167599103,
  BillingInvoices1796168556034,
  ApiKeys1796170500000,
  KnowledgeBase1796171000000,
  PreventiveMaintenance1796172000000,
  PartsStock1796170000000,
  ServiceContracts1796170100000,
  TicketQuotes1796170200000,
  SignatureRequired1796172100000,
  EngineerShifts1796173000000,
  PmBackfill1796173456789,
  SlaAttainment1796173100000,
  EngineerOpenJobs1796174200000,
  QuoteQueueIndex1796174000000,
  SlaOutcomeBackfill1796174100000,
  LowStockNotifications1796174300000,
  QueueNowIndex1796180000000,
  PmClaimIndexDrop1796180100000,
  EngineerOfferLoad1796190000000,
  NotificationStockAlertIndex1796190100000,
  OutboxLanes1796190200000,
];
