import { checklistBody } from './checklist-body';

const visit = {
  checklist: [
    { id: 'a', label: '滤网', kind: 'check' as const, required: true },
    { id: 'b', label: '压力', kind: 'number' as const, min: 1, max: 2, required: true },
    { id: 'c', label: '备注', kind: 'text' as const, required: false },
    { id: 'd', label: '铭牌', kind: 'photo' as const, required: true },
    { id: 'e', label: '全景', kind: 'photo' as const, required: false },
  ],
};

describe("the checklist part of an engineer's resolve", () => {
  it('sends checks as booleans, typed readings as numbers, skips blanks and gives photo items the photos in order', () => {
    expect(checklistBody(visit, { a: false, b: '2.5', c: '' }, ['p1'])).toEqual([
      { itemId: 'a', value: false },
      { itemId: 'b', value: 2.5 },
      { itemId: 'd', value: 'p1' },
    ]);
  });

  it('sends a reading that is not a number as typed, so the server can name the item', () => {
    expect(checklistBody(visit, { b: 'abc' }, [])).toEqual([{ itemId: 'b', value: 'abc' }]);
  });
});
