import { fenOf, money, moneyShort, yuanOf } from './money';

describe('money text', () => {
  it('prints fen as yuan with two decimals, keeping the sign, without float rounding', () => {
    expect([yuanOf(0), yuanOf(5), yuanOf(1250), yuanOf(-5), yuanOf(2_000_000_000)]).toEqual([
      '0.00',
      '0.05',
      '12.50',
      '-0.05',
      '20000000.00',
    ]);
    expect([money(17_800), money(-1_234)]).toEqual(['¥178.00', '-¥12.34']);
    expect([moneyShort(9_900), moneyShort(9_950)]).toEqual(['¥99', '¥99.50']);
  });
  it('reads typed yuan into fen and refuses what is not an amount with at most two decimals', () => {
    expect([fenOf('12.5'), fenOf(' 3 '), fenOf('0.07')]).toEqual([1250, 300, 7]);
    expect([fenOf('1.234'), fenOf('-1'), fenOf('abc'), fenOf('')]).toEqual([null, null, null, null]);
  });
});
