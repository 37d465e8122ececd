import type { UploadedPhoto } from '../../../api/uploads';
import type { PickedPart } from './components/PartsPicker';

/** A picked part as the draft keeps it: what the resolve sends, and what the line shows. */
export interface DraftPart {
  partId: number;
  quantity: number;
  /** Where it is taken from (the engineer's van when picked); null: the server's default, the van. */
  locationId: number | null;
  name: string;
  sku: string;
  price: number;
}

/** What the engineer has put in the resolve form, kept in storage until the server has it. */
export interface ResolveDraft {
  notes: string;
  photos: UploadedPhoto[];
  parts: DraftPart[];
}

export const EMPTY_RESOLVE_DRAFT: ResolveDraft = { notes: '', photos: [], parts: [] };

export const resolveDraftKey = (number: string) => `bx.resolve.${number}`;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 10_000;
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

function draftPartOf(v: unknown): DraftPart | null {
  if (!isRecord(v) || !isId(v.partId) || !isCount(v.quantity) || typeof v.name !== 'string') return null;
  return {
    partId: v.partId,
    quantity: v.quantity,
    locationId: isId(v.locationId) ? v.locationId : null,
    name: v.name,
    sku: typeof v.sku === 'string' ? v.sku : '',
    price: typeof v.price === 'number' && Number.isInteger(v.price) ? v.price : 0,
  };
}

/**
 * The draft read back from storage: anything else there (nothing, an older draft without parts, a damaged
 * value) gives what can be kept of it; a part line that is not whole is dropped, and one part appears once.
 */
export function readResolveDraft(stored: unknown): ResolveDraft {
  if (!isRecord(stored) || typeof stored.notes !== 'string') return { ...EMPTY_RESOLVE_DRAFT };
  const photos = Array.isArray(stored.photos) ? (stored.photos as UploadedPhoto[]) : [];
  const parts: DraftPart[] = [];
  for (const raw of Array.isArray(stored.parts) ? stored.parts : []) {
    const part = draftPartOf(raw);
    if (part && !parts.some((p) => p.partId === part.partId)) parts.push(part);
  }
  return { notes: stored.notes, photos, parts };
}

/** The form's part lines as the draft keeps them. */
export function draftPartsOf(lines: readonly PickedPart[], vanId: number | null): DraftPart[] {
  return lines.map((l) => ({
    partId: l.part.id,
    quantity: l.quantity,
    locationId: l.locationId ?? vanId,
    name: l.part.name,
    sku: l.part.sku,
    price: l.part.price,
  }));
}

/** The draft's parts back as form lines; how many the van holds is not known until it is asked again. */
export function pickedPartsOf(parts: readonly DraftPart[]): PickedPart[] {
  return parts.map((p) => ({
    part: { id: p.partId, sku: p.sku, name: p.name, price: p.price },
    quantity: p.quantity,
    locationId: p.locationId,
    onHand: null,
  }));
}
