import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Image, Progress } from '@nutui/nutui-react-taro';
import { uploadPhoto, type UploadedPhoto } from '../../api/uploads';
import { asApiError } from '../../api/errors';
import { assetUrl } from '../../api/request';
import { t } from '../../i18n';
import './index.css';

type ItemStatus = 'uploading' | 'done' | 'error';

interface PhotoItem {
  key: string;
  /** Local temp path (or the server URL for photos restored from a draft) used for the thumbnail. */
  path: string;
  status: ItemStatus;
  progress: number;
  uploaded?: UploadedPhoto;
  error?: string;
}

interface PhotoPickerProps {
  value: UploadedPhoto[];
  onChange: (photos: UploadedPhoto[]) => void;
  /** How many photos are still uploading or failed: the form must not submit while this is > 0. */
  onPendingChange: (pending: number) => void;
  max?: number;
  idPrefix: string;
}

let nextKey = 0;

/** Choose or take photos; each uploads at once with progress, and a failed one retries in place. */
export function PhotoPicker({ value, onChange, onPendingChange, max = 9, idPrefix }: PhotoPickerProps) {
  const [items, setItems] = useState<PhotoItem[]>(() =>
    value.map((u) => ({ key: `p${nextKey++}`, path: assetUrl(u.url), status: 'done', progress: 100, uploaded: u })),
  );
  const callbacks = useRef({ onChange, onPendingChange });
  callbacks.current = { onChange, onPendingChange };

  useEffect(() => {
    callbacks.current.onChange(items.flatMap((i) => (i.status === 'done' && i.uploaded ? [i.uploaded] : [])));
    callbacks.current.onPendingChange(items.filter((i) => i.status !== 'done').length);
  }, [items]);

  const patch = (key: string, change: Partial<PhotoItem>) =>
    setItems((list) => list.map((i) => (i.key === key ? { ...i, ...change } : i)));

  const upload = async (item: PhotoItem) => {
    patch(item.key, { status: 'uploading', progress: 0, error: undefined });
    try {
      const uploaded = await uploadPhoto(item.path, (progress) => patch(item.key, { progress }));
      patch(item.key, { status: 'done', progress: 100, uploaded });
    } catch (caught) {
      patch(item.key, { status: 'error', error: asApiError(caught).message });
    }
  };

  const choose = async (source: 'album' | 'camera') => {
    let paths: string[];
    try {
      const res = await Taro.chooseImage({ count: max - items.length, sizeType: ['compressed'], sourceType: [source] });
      paths = res.tempFilePaths.slice(0, max - items.length);
    } catch {
      return; // the picker was cancelled
    }
    const added: PhotoItem[] = paths.map((path) => ({ key: `p${nextKey++}`, path, status: 'uploading', progress: 0 }));
    setItems((list) => [...list, ...added]);
    added.forEach((item) => void upload(item));
  };

  const remove = (key: string) => setItems((list) => list.filter((i) => i.key !== key));

  return (
    <View className="photo-picker" id={idPrefix}>
      <View className="photo-picker__grid">
        {items.map((item) => (
          <View key={item.key} className="photo-picker__item" data-status={item.status}>
            <Image src={item.path} width="100%" height="100%" mode="aspectFill" />
            {item.status === 'uploading' && (
              <View className="photo-picker__mask">
                <Text className="photo-picker__mask-text">{t('uploading')}</Text>
                <Progress percent={item.progress} showText={false} />
              </View>
            )}
            {item.status === 'error' && (
              <View className="photo-picker__mask photo-picker__mask--error" onClick={() => void upload(item)}>
                <Text className="photo-picker__mask-text">{item.error ?? t('uploadFailed')}</Text>
                <Text className="photo-picker__retry">{t('uploadFailed')}</Text>
              </View>
            )}
            <View className="photo-picker__remove" onClick={() => remove(item.key)}>×</View>
          </View>
        ))}
      </View>
      {items.length < max && (
        <View className="photo-picker__actions">
          <Button id={`${idPrefix}-camera`} size="small" onClick={() => void choose('camera')}>{t('takePhoto')}</Button>
          <Button id={`${idPrefix}-album`} size="small" onClick={() => void choose('album')}>{t('choosePhoto')}</Button>
        </View>
      )}
    </View>
  );
}
