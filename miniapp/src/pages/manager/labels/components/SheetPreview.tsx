import { useEffect, useRef, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Loading } from '@nutui/nutui-react-taro';
import { fmt, tc } from '../../../../i18n/console';
import { renderFirstPage } from '../pdf';

interface SheetPreviewProps {
  pdf: Blob;
  labels: number;
  onPages: (pages: number) => void;
}

const PREVIEW_WIDTH = 420;

/** Page 1 of the very PDF that "Download" saves, drawn by pdf.js in a canvas. */
export function SheetPreview({ pdf, labels, onPages }: SheetPreviewProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<'rendering' | 'done' | 'failed'>('rendering');
  const [pages, setPages] = useState(0);

  useEffect(() => {
    let live = true;
    setState('rendering');
    if (!canvas.current) return;
    renderFirstPage(pdf, canvas.current, PREVIEW_WIDTH)
      .then((count) => {
        if (!live) return;
        setPages(count);
        onPages(count);
        setState('done');
      })
      .catch((error: unknown) => {
        console.error('[labels] preview failed', error);
        if (live) setState('failed');
      });
    return () => {
      live = false;
    };
    // onPages is a callback from the parent; the preview depends on the PDF only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pdf]);

  return (
    <View className="sheet-preview" id="sheet-preview" data-state={state} data-pages={String(pages)} data-labels={String(labels)}>
      <Text id="sheet-summary">{state === 'done' ? fmt(tc('sheetSummary'), { labels, pages }) : fmt(tc('sheetLabels'), { labels })}</Text>
      {state === 'rendering' ? <Loading>{tc('rendering')}</Loading> : null}
      {state === 'failed' ? <Text className="field__error">{tc('previewFailed')}</Text> : null}
      <canvas ref={canvas} id="sheet-canvas" className="sheet-preview__canvas" />
    </View>
  );
}
