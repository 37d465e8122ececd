import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Image, Progress } from '@nutui/nutui-react-taro';
import { UPLOAD_MAX_BYTES_DEFAULT } from '@baoxiu/shared';
import { uploadPhoto, type UploadedPhoto } from '../../api/uploads';
import { asApiError } from '../../api/errors';
import { assetUrl } from '../../api/request';
import { t } from '../../i18n';
import './index.css';

/** error: worth a retry (network); rejected: the file itself is wrong (not an image, too big), only removing helps. */
type ItemStatus = 'uploading' | 'done' | 'error' | 'rejected';

const REJECTED_CODES = new Set(['UNSUPPORTED_MEDIA_TYPE', 'UPLOAD_TOO_LARGE', 'BODY_TOO_LARGE', 'UPLOAD_REQUIRED']);

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

/**
 * In H5, Taro's chooseImage silently drops a file the browser cannot decode (a PDF renamed .jpg): count what
 * the file input really held, so the page can say how many were not images instead of doing nothing.
 */
function countChosenFiles(): { chosen: () => number; stop: () => void } {
  let count = 0;
  if (process.env.TARO_ENV !== 'h5') return { chosen: () => count, stop: () => undefined };
  const onChange = (e: Event) => {
    const input = e.target as HTMLInputElement | null;
    if (input?.type === 'file') count = input.files?.length ?? 0;
  };
  document.addEventListener('change', onChange, true);
  return { chosen: () => count, stop: () => document.removeEventListener('change', onChange, true) };
}

function rejectedText(code: string): string {
  return code === 'UNSUPPORTED_MEDIA_TYPE' || code === 'UPLOAD_REQUIRED' ? t('photoNotImage') : t('photoTooBig');
}

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

  const patch = (key: string, change: Partial<PhotoItem>) => setItems((list) => list.map((i) => (i.key === key ? { ...i, ...change } : i)));

  const upload = async (item: PhotoItem) => {
    patch(item.key, { status: 'uploading', progress: 0, error: undefined });
    try {
      const uploaded = await uploadPhoto(item.path, (progress) => patch(item.key, { progress }));
      patch(item.key, { status: 'done', progress: 100, uploaded });
    } catch (caught) {
      const error = asApiError(caught);
      const rejected = REJECTED_CODES.has(error.code);
      patch(item.key, { status: rejected ? 'rejected' : 'error', error: rejected ? rejectedText(error.code) : error.message });
    }
  };

  const choose = async (source: 'album' | 'camera') => {
    let files: { path: string; size: number }[];
    const counter = countChosenFiles();
    try {
      const res = await Taro.chooseImage({ count: max - items.length, sizeType: ['compressed'], sourceType: [source] });
      files = res.tempFilePaths.slice(0, max - items.length).map((path, i) => ({ path, size: res.tempFiles[i]?.size ?? 0 }));
    } catch {
      return; // the picker was cancelled
    } finally {
      counter.stop();
    }
    setNotImages(Math.max(0, Math.min(counter.chosen(), max - items.length) - files.length));
    // Too big is known before sending: say so at once instead of uploading 30 MB to be refused.
    const added: PhotoItem[] = files.map(({ path, size }) =>
      size > UPLOAD_MAX_BYTES_DEFAULT
        ? { key: `p${nextKey++}`, path, status: 'rejected', progress: 0, error: t('photoTooBig') }
        : { key: `p${nextKey++}`, path, status: 'uploading', progress: 0 },
    );
    setItems((list) => [...list, ...added]);
    added.filter((item) => item.status === 'uploading').forEach((item) => void upload(item));
  };

  const rejected = items.filter((i) => i.status === 'rejected');
  const [notImages, setNotImages] = useState(0);
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
            {item.status === 'rejected' && (
              <View className="photo-picker__mask photo-picker__mask--error">
                <Text className="photo-picker__mask-text">{item.error}</Text>
              </View>
            )}
            <View className="photo-picker__remove" onClick={() => remove(item.key)} aria-label={t('remove')}>
              ×
            </View>
          </View>
        ))}
      </View>
      {rejected.length > 0 || notImages > 0 ? (
        <View className="photo-picker__message" id={`${idPrefix}-message`}>
          {notImages > 0 ? <Text className="form-error">{t('photosNotImages').replace('{n}', String(notImages))}</Text> : null}
          {rejected.map((item) => (
            <Text key={item.key} className="form-error">
              {t('photoNumber').replace('{n}', String(items.indexOf(item) + 1))}
              {item.error}
            </Text>
          ))}
          {rejected.length > 0 ? <Text className="form-error">{t('photoRemoveHint')}</Text> : null}
        </View>
      ) : null}
      {items.length < max && (
        <View className="photo-picker__actions">
          <Button id={`${idPrefix}-camera`} size="small" onClick={() => void choose('camera')}>
            {t('takePhoto')}
          </Button>
          <Button id={`${idPrefix}-album`} size="small" onClick={() => void choose('album')}>
            {t('choosePhoto')}
          </Button>
        </View>
      )}
    </View>
  );
}
