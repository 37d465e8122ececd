import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { Button, Empty, Loading } from '@nutui/nutui-react-taro';
import { NetworkError, Tips } from '@nutui/icons-react-taro';
import { t } from '../i18n';
import type { ApiError } from '../api/errors';
import './PageState.css';

interface PageStateProps<T> {
  loading: boolean;
  error: ApiError | null;
  data: T | null;
  onRetry: () => void;
  /** Shown when data arrived but is empty. */
  isEmpty?: (data: T) => boolean;
  emptyText?: string;
  children: (data: T) => ReactNode;
}

// Icons, not NutUI's default Empty pictures: those load from a CDN a phone on a bad network may not reach.
/** The loading / error-with-retry / empty / content switch every page needs. */
export function PageState<T>({ loading, error, data, onRetry, isEmpty, emptyText, children }: PageStateProps<T>) {
  if (error && !data) {
    return (
      <View className="page-state" id="page-error">
        <Empty image={<NetworkError size={64} color="#c8c9cc" />} description={error.message} />
        <Button type="primary" size="small" onClick={onRetry}>
          {t('retry')}
        </Button>
      </View>
    );
  }
  if (!data) {
    return (
      <View className="page-state" id="page-loading">
        <Loading>{loading ? t('loading') : ''}</Loading>
      </View>
    );
  }
  if (isEmpty?.(data)) {
    return (
      <View className="page-state" id="page-empty">
        <Empty image={<Tips size={64} color="#c8c9cc" />} description={emptyText ?? t('empty')} />
      </View>
    );
  }
  return <>{children(data)}</>;
}
