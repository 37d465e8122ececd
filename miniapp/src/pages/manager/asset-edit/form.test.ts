import type { AssetView } from '../../../api/asset-registry';
import { ApiError } from '../../../api/errors';
import { buildBody, draftOf, emptyDraft, serverFieldErrors } from './form';

// The texts are not under test, and the real module reads the language through the Taro runtime.
jest.mock('../../../i18n/console', () => ({ tc: (key: string) => key }));
jest.mock('../../../api/errors', () => ({
  ApiError: class extends Error {
    constructor(
      readonly code: string,
      message: string,
      readonly status: number,
      readonly details: Record<string, unknown>,
    ) {
      super(message);
    }
  },
}));

const asset: AssetView = {
  id: 7,
  code: 'ABCDEF123456',
  siteId: 2,
  name: '水泵',
  model: null,
  serial: 'SN-1',
  category: '给排水',
  location: 'B1',
  warrantyUntil: '2030-12-31',
  customFields: { 功率: 7.5, 变频: true, 品牌: '格力' },
  externalId: null,
  url: 'http://localhost:3000/r/ABCDEF123456',
};

describe('the asset form', () => {
  it('round-trips an asset, custom fields keeping their types', () => {
    const built = buildBody(draftOf(asset));
    expect(built.errors).toBeNull();
    expect(built.body).toMatchObject({
      siteId: 2,
      name: '水泵',
      model: null,
      serial: 'SN-1',
      warrantyUntil: '2030-12-31',
      customFields: { 功率: 7.5, 变频: true, 品牌: '格力' },
    });
  });

  it('names every missing or invalid field at once, before any request', () => {
    const draft = { ...emptyDraft(), warrantyUntil: '2030-02-30', custom: [{ key: '', value: 'x', type: 'text' as const }] };
    const { errors } = buildBody(draft);
    expect(Object.keys(errors ?? {}).sort()).toEqual(['customFields', 'name', 'siteId', 'warrantyUntil']);
  });

  it('refuses a custom number that is not one, and a field name used twice', () => {
    const base = draftOf(asset);
    expect(buildBody({ ...base, custom: [{ key: '功率', value: 'abc', type: 'number' }] }).errors?.customFields).toContain('功率');
    const twice = [
      { key: 'a', value: '1', type: 'text' as const },
      { key: 'a', value: '2', type: 'text' as const },
    ];
    expect(buildBody({ ...base, custom: twice }).errors?.customFields).toBeDefined();
  });

  it('sends an emptied optional field as null, so an edit clears it', () => {
    expect(buildBody({ ...draftOf(asset), location: '  ' }).body?.location).toBeNull();
  });

  it("puts the server's validation issues next to their fields", () => {
    const error = new ApiError('VALIDATION_FAILED', 'invalid', 400, { issues: [{ path: 'serial', message: 'too long' }] });
    expect(serverFieldErrors(error)).toEqual({ serial: 'too long' });
  });
});
