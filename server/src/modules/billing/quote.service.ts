import type { PlanDocument, Quote, QuoteRequest } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { AppError } from '../../lib/errors';
import { isoDayInZone } from '../../lib/time';
import { publishedPlan } from './catalog.service';
import { pricePeriod, trialEndFor } from './pricing';

/** The calendar a quote without a tenant uses for "today". */
const QUOTE_ZONE = 'Asia/Shanghai';

/**
 * The price calculator: a published plan code for anyone, an inline document for the operator only.
 * Without dates the subscription starts today and the first paid period (after any trial) is priced.
 */
export async function quote(deps: Deps, input: QuoteRequest, asOperator: boolean): Promise<Quote> {
  let plan: PlanDocument;
  if (typeof input.plan === 'string') plan = (await publishedPlan(deps, input.plan)).document;
  else if (asOperator) plan = input.plan;
  else throw new AppError('OPERATOR_ONLY');
  const subscriptionStart = input.subscriptionStart ?? isoDayInZone(deps.clock.now(), QUOTE_ZONE);
  const periodStart = input.periodStart ?? trialEndFor(plan, subscriptionStart) ?? subscriptionStart;
  return pricePeriod({
    plan,
    quantities: input.quantities,
    modules: input.modules,
    coupon: input.coupon,
    subscriptionStart,
    periodStart,
    locale: input.locale,
  });
}
