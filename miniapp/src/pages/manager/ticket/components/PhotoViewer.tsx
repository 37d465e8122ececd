import { useState } from 'react';
import { View } from '@tarojs/components';
import { assetUrl } from '../../../../api/request';
import { tc } from '../../../../i18n/console';
import { ConsoleDialog } from '../../components/ConsoleDialog';

/** Thumbnails; a click opens the photo large, arrows step through the set. */
export function PhotoViewer({ id, title, photos }: { id: string; title: string; photos: string[] }) {
  const [at, setAt] = useState<number | null>(null);
  return (
    <View className="t-photos" id={id}>
      <View className="t-photos__title">{title}</View>
      {photos.length === 0 ? (
        <View className="muted-c">{tc('noPhotos')}</View>
      ) : (
        <View className="t-photos__row">
          {photos.map((p, i) => (
            <button key={p} type="button" className="t-thumb" aria-label={`${title} ${i + 1}`} onClick={() => setAt(i)}>
              <img src={assetUrl(p)} alt={`${title} ${i + 1}`} />
            </button>
          ))}
        </View>
      )}
      {at !== null ? (
        <ConsoleDialog
          id={`${id}-viewer`}
          title={`${title} ${at + 1} / ${photos.length}`}
          onClose={() => setAt(null)}
          footer={
            photos.length > 1 ? (
              <>
                <button type="button" className="c-btn" onClick={() => setAt((at + photos.length - 1) % photos.length)}>
                  ‹
                </button>
                <button type="button" className="c-btn" onClick={() => setAt((at + 1) % photos.length)}>
                  ›
                </button>
              </>
            ) : null
          }
        >
          <img className="t-photo-large" src={assetUrl(photos[at])} alt={`${title} ${at + 1}`} />
        </ConsoleDialog>
      ) : null}
    </View>
  );
}
