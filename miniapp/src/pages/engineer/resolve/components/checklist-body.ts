import type { PmChecklistAnswer, PmVisit } from '@baoxiu/shared';

export type Answers = Record<string, PmChecklistAnswer['value']>;

/** The answers for the resolve body: photo items take the resolve's photos in order (the first photo item the first photo). */
export function checklistBody(visit: Pick<PmVisit, 'checklist'>, answers: Answers, photoIds: string[]): PmChecklistAnswer[] {
  let photo = 0;
  return visit.checklist.flatMap((item) => {
    if (item.kind === 'photo') {
      const id = photoIds[photo++];
      return id ? [{ itemId: item.id, value: id }] : [];
    }
    const value = answers[item.id];
    if (value === undefined || value === '') return [];
    // A reading typed as text goes as a number; anything else is sent as typed, and the server names the item.
    if (item.kind === 'number' && typeof value === 'string')
      return [{ itemId: item.id, value: Number.isFinite(Number(value)) ? Number(value) : value }];
    return [{ itemId: item.id, value }];
  });
}
