import { filenameFrom } from './filename';

describe('the name a downloaded file is saved under', () => {
  it('prefers the UTF-8 name of Content-Disposition (Chinese export names)', () => {
    expect(filenameFrom(`attachment; filename="assets.xlsx"; filename*=UTF-8''%E8%AE%BE%E5%A4%87.xlsx`, 'x')).toBe('设备.xlsx');
  });

  it('takes the plain name, quoted or not', () => {
    expect(filenameFrom('attachment; filename="baoxiu-labels-a4-3x8.pdf"', 'x')).toBe('baoxiu-labels-a4-3x8.pdf');
    expect(filenameFrom('attachment; filename=template.csv', 'x')).toBe('template.csv');
  });

  it('falls back when the header is missing or its escape is broken', () => {
    expect(filenameFrom(null, 'labels.pdf')).toBe('labels.pdf');
    expect(filenameFrom(`attachment; filename*=UTF-8''%E8%ZZ.pdf; filename="plain.pdf"`, 'x')).toBe('plain.pdf');
  });
});
