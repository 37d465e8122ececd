import { CreateTicketSchema } from '@baoxiu/shared';
import type { CreateTicketBody } from '../../../api/tickets';
import { t } from '../../../i18n';
import type { ReportDraft } from '../../../lib/draft';

export type FieldErrors = Partial<Record<'description' | 'contactPhone' | 'category' | 'contactName' | 'photos', string>>;

/** The body the API takes, trimmed so optional fields left empty are left out. */
export function toBody(assetCode: string, draft: ReportDraft): CreateTicketBody {
  return {
    assetCode,
    description: draft.description.trim(),
    contactPhone: draft.contactPhone.trim(),
    contactName: draft.contactName.trim() || undefined,
    category: draft.category.trim() || undefined,
    urgency: draft.urgency,
    photoIds: draft.photos.map((p) => p.id),
  };
}

/** Checks the form with the same schema the server uses; messages come from our own strings. */
export function validateReport(body: CreateTicketBody): FieldErrors {
  const parsed = CreateTicketSchema.safeParse(body);
  if (parsed.success) return {};
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field === 'description') errors.description = t('needDescription');
    else if (field === 'contactPhone') errors.contactPhone = t('invalidPhone');
    else if (field === 'category' || field === 'contactName') errors[field] = issue.message;
  }
  return errors;
}
