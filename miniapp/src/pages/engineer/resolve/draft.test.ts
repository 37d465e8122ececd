import type { UploadedPhoto } from '../../../api/uploads';
import type { PickedPart } from './components/PartsPicker';
import { draftPartsOf, pickedPartsOf, readResolveDraft, resolveDraftKey, type ResolveDraft } from './draft';

const photo: UploadedPhoto = { id: 'up-1', url: '/api/uploads/up-1' };
const line = (over: Partial<PickedPart> = {}): PickedPart => ({
  part: { id: 7, sku: 'CAP-35', name: '压缩机电容 35μF', price: 3800 },
  quantity: 2,
  locationId: 41,
  onHand: 5,
  ...over,
});

/** What leaving the form writes and reopening it reads: the storage keeps JSON. */
const roundTrip = (draft: ResolveDraft) => readResolveDraft(JSON.parse(JSON.stringify(draft)));

describe('the resolve draft', () => {
  it('keeps the picked parts (part, quantity, location and display name) across leaving and reopening the form', () => {
    const lines = [line(), line({ part: { id: 9, sku: 'FAN-1', name: '风扇电机', price: 12_000 }, quantity: 1, locationId: null })];
    const stored = roundTrip({ notes: '更换电容', photos: [photo], parts: draftPartsOf(lines, 41) });
    expect(stored.parts).toEqual([
      { partId: 7, quantity: 2, locationId: 41, name: '压缩机电容 35μF', sku: 'CAP-35', price: 3800 },
      // A line picked before the van was known is kept as the van's.
      { partId: 9, quantity: 1, locationId: 41, name: '风扇电机', sku: 'FAN-1', price: 12_000 },
    ]);
    expect(pickedPartsOf(stored.parts)).toEqual([
      { part: { id: 7, sku: 'CAP-35', name: '压缩机电容 35μF', price: 3800 }, quantity: 2, locationId: 41, onHand: null },
      { part: { id: 9, sku: 'FAN-1', name: '风扇电机', price: 12_000 }, quantity: 1, locationId: 41, onHand: null },
    ]);
    expect(stored.notes).toBe('更换电容');
    expect(stored.photos).toEqual([photo]);
  });

  it('keeps no location when neither the line nor the van has one (the server then takes from the van)', () => {
    expect(draftPartsOf([line({ locationId: null })], null)[0].locationId).toBeNull();
  });

  it('reads a draft from before parts were kept as one without parts, and nothing as an empty draft', () => {
    expect(readResolveDraft({ notes: '已清洁滤网', photos: [] })).toEqual({ notes: '已清洁滤网', photos: [], parts: [] });
    expect(readResolveDraft('')).toEqual({ notes: '', photos: [], parts: [] });
    expect(readResolveDraft(null)).toEqual({ notes: '', photos: [], parts: [] });
  });

  it('drops part lines that are not whole (no id, a bad quantity, no name) and keeps a part once', () => {
    const good = { partId: 3, quantity: 1, locationId: 8, name: '滤网', sku: 'F-1', price: 500 };
    const parts = [
      good,
      { ...good, partId: 0 },
      { ...good, partId: 4, quantity: 0 },
      { ...good, partId: 5, quantity: 1.5 },
      { partId: 6, quantity: 1 },
      { ...good, quantity: 3 },
      'x',
    ];
    expect(readResolveDraft({ notes: '', photos: [], parts }).parts).toEqual([good]);
    expect(readResolveDraft({ notes: '', photos: [], parts: { 0: good } }).parts).toEqual([]);
  });

  it('is kept per ticket', () => {
    expect(resolveDraftKey('BX-20261204-0001')).toBe('bx.resolve.BX-20261204-0001');
    expect(resolveDraftKey('BX-20261204-0001')).not.toBe(resolveDraftKey('BX-20261204-0002'));
  });
});
