import type { Page, PaginationQuery } from '@baoxiu/shared';

export function pageWindow(q: PaginationQuery): { skip: number; take: number } {
  return { skip: (q.page - 1) * q.pageSize, take: q.pageSize };
}

export function toPage<T>(items: T[], q: PaginationQuery, total: number): Page<T> {
  return { items, page: q.page, pageSize: q.pageSize, total };
}
