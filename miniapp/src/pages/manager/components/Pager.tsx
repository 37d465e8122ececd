import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { fmt, tc } from '../../../i18n/console';

export const PAGE_SIZES = [20, 50, 100] as const;

interface PagerProps {
  id: string;
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  /** Omit to hide the page-size choice. */
  onPageSize?: (pageSize: number) => void;
}

/** "Page 2 of 7 · 134 in all", previous / next, and the page size. */
export function Pager({ id, page, pageSize, total, onPage, onPageSize }: PagerProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <View className="pager" id={id}>
      <Text className="muted-c" id={`${id}-summary`} data-page={String(page)} data-total={String(total)}>
        {fmt(tc('pageOf'), { page, pages, total })}
      </Text>
      {onPageSize ? (
        <select
          className="c-select"
          id={`${id}-size`}
          aria-label={tc('a11yPageSize')}
          value={pageSize}
          onChange={(e) => onPageSize(Number(e.target.value))}
        >
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {fmt(tc('perPage'), { size })}
            </option>
          ))}
        </select>
      ) : null}
      <Button id={`${id}-prev`} size="small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {tc('prevPage')}
      </Button>
      <Button id={`${id}-next`} size="small" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {tc('nextPage')}
      </Button>
    </View>
  );
}
