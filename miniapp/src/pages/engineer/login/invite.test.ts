import { inviteFromScan } from './invite';

describe('reading an engineer invite QR', () => {
  it('takes the token from the invite URL or as a bare token, and nothing else', () => {
    const token = 'Xk3_Uq9-abcdefghijklmnopqrstuvwx';
    expect(inviteFromScan(`https://bx.example.com/pages/engineer/login/index?invite=${token}`)).toBe(token);
    expect(inviteFromScan(` ${token} `)).toBe(token);
    expect(inviteFromScan('https://bx.example.com/r/GCMNXGMK3J56')).toBeNull();
    expect(inviteFromScan('short')).toBeNull();
  });
});
