import { codeFromEntry, codeFromPath, codeFromScanResult, codeFromScene, normalizeAssetCode } from './asset-code';

describe('finding the asset code a reporter arrived with', () => {
  it('reads the WeChat link rule `q` (the encoded printed URL)', () => {
    const q = encodeURIComponent('https://bx.example.com/r/GCMNXGMK3J56');
    expect(codeFromEntry({ q })).toBe('GCMNXGMK3J56');
  });

  it('reads a mini-program code scene, bare or as c=<code>', () => {
    expect(codeFromEntry({ scene: 'GCMNXGMK3J56' })).toBe('GCMNXGMK3J56');
    expect(codeFromScene(encodeURIComponent('c=gcmnxgmk3j56'))).toBe('GCMNXGMK3J56');
  });

  it('reads the H5 path /r/<code>, with or without a trailing slash or query', () => {
    expect(codeFromEntry({}, '/r/GCMNXGMK3J56')).toBe('GCMNXGMK3J56');
    expect(codeFromPath('/r/GCMNXGMK3J56/?from=label')).toBe('GCMNXGMK3J56');
    expect(codeFromPath('/pages/reporter/asset/index')).toBeNull();
  });

  it('prefers an explicit code over the rest', () => {
    expect(codeFromEntry({ code: 'AAAA1111', q: encodeURIComponent('https://h/r/BBBB2222') })).toBe('AAAA1111');
  });

  it('accepts a typed code with dashes, spaces and lower case, and rejects junk', () => {
    expect(normalizeAssetCode(' gcmn-xgmk 3j56 ')).toBe('GCMNXGMK3J56');
    expect(normalizeAssetCode('abc')).toBeNull();
    expect(normalizeAssetCode('not a code!')).toBeNull();
  });

  it('understands what Taro.scanCode returns for our QR and for a mini-program path', () => {
    expect(codeFromScanResult('https://bx.example.com/r/GCMNXGMK3J56')).toBe('GCMNXGMK3J56');
    expect(codeFromScanResult('pages/reporter/asset/index?scene=GCMNXGMK3J56')).toBe('GCMNXGMK3J56');
    expect(codeFromScanResult('https://other.example.com/hello')).toBeNull();
  });
});
