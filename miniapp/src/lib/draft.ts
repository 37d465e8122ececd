import Taro from '@tarojs/taro';
import type { Urgency } from '@baoxiu/shared';
import type { UploadedPhoto } from '../api/uploads';
import { newIdempotencyKey } from './idempotency';

/** What the reporter typed, kept in storage so a network error, a reload or a detour loses nothing. */
export interface ReportDraft {
  category: string;
  description: string;
  contactPhone: string;
  contactName: string;
  urgency: Urgency;
  photos: UploadedPhoto[];
  /** One key per form: every retry of this submit reuses it, so the server makes one ticket. */
  idempotencyKey: string;
}

const draftKey = (assetCode: string) => `bx.draft.${assetCode}`;
const CONTACT_KEY = 'bx.contact';

interface Contact {
  phone: string;
  name: string;
}

function readContact(): Contact {
  const stored: unknown = Taro.getStorageSync(CONTACT_KEY);
  if (typeof stored === 'object' && stored !== null && 'phone' in stored) return stored as Contact;
  return { phone: '', name: '' };
}

export function loadDraft(assetCode: string, defaultCategory: string): ReportDraft {
  const stored: unknown = Taro.getStorageSync(draftKey(assetCode));
  if (typeof stored === 'object' && stored !== null && 'idempotencyKey' in stored) return stored as ReportDraft;
  const contact = readContact();
  return {
    category: defaultCategory,
    description: '',
    contactPhone: contact.phone,
    contactName: contact.name,
    urgency: 'normal',
    photos: [],
    idempotencyKey: newIdempotencyKey(),
  };
}

export function saveDraft(assetCode: string, draft: ReportDraft): void {
  Taro.setStorageSync(draftKey(assetCode), draft);
}

/** After a ticket is made: forget the draft (the next form gets a new key) but remember the contact. */
export function finishDraft(assetCode: string, draft: ReportDraft): void {
  Taro.removeStorageSync(draftKey(assetCode));
  Taro.setStorageSync(CONTACT_KEY, { phone: draft.contactPhone, name: draft.contactName });
}
