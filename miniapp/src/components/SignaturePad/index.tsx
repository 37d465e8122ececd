import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Canvas, View, Text } from '@tarojs/components';
import './index.css';

/** What the form holding the pad may ask of it. */
export interface SignatureHandle {
  /** A PNG of the strokes as a file path Taro.uploadFile takes (H5: a blob URL), or null when nothing is drawn. */
  toFile: () => Promise<string | null>;
  clear: () => void;
}

interface Props {
  /** Filled with the pad's handle once it is ready. */
  handle: { current: SignatureHandle | null };
  /** Whether anything is drawn (the form enables "sign-off" on it). */
  onInk: (hasInk: boolean) => void;
  label: string;
  clearLabel: string;
  hint: string;
}

const WIDTH = 320;
const HEIGHT = 160;
const isH5 = process.env.TARO_ENV === 'h5';

type Ctx = CanvasRenderingContext2D;

function prepare(ctx: Ctx, ratio: number): void {
  ctx.scale(ratio, ratio);
  ctx.lineWidth = 2.5;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.strokeStyle = '#111111';
}

/**
 * The customer signs on the engineer's phone: a canvas taking finger (and mouse) strokes, exported as a PNG for
 * the uploads. H5 draws on a DOM canvas with pointer events; WeChat on a 2D canvas node with touch events and
 * exports with canvasToTempFilePath.
 */
export function SignaturePad({ handle, onInk, label, clearLabel, hint }: Props) {
  const domCanvas = useRef<HTMLCanvasElement | null>(null);
  const node = useRef<{ ctx: Ctx; canvas: unknown } | null>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const inked = useRef(false);
  const [hasInk, setHasInk] = useState(false);
  const id = useRef(`sig-${Math.random().toString(36).slice(2, 8)}`).current;

  const mark = (value: boolean) => {
    inked.current = value;
    setHasInk(value);
    onInk(value);
  };
  const ctxOf = (): Ctx | null => (isH5 ? (domCanvas.current?.getContext('2d') ?? null) : (node.current?.ctx ?? null));

  useEffect(() => {
    const ratio = isH5 ? window.devicePixelRatio || 1 : Taro.getWindowInfo().pixelRatio || 1;
    if (isH5) {
      const c = domCanvas.current;
      if (!c) return;
      c.width = WIDTH * ratio;
      c.height = HEIGHT * ratio;
      const ctx = c.getContext('2d');
      if (ctx) prepare(ctx, ratio);
    } else {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((res: Array<{ node?: { width: number; height: number; getContext: (k: '2d') => Ctx } } | null>) => {
          const canvas = res[0]?.node;
          if (!canvas) return;
          canvas.width = WIDTH * ratio;
          canvas.height = HEIGHT * ratio;
          const ctx = canvas.getContext('2d');
          prepare(ctx, ratio);
          node.current = { ctx, canvas };
        });
    }
    handle.current = {
      clear: () => {
        const ctx = ctxOf();
        ctx?.clearRect(0, 0, WIDTH, HEIGHT);
        mark(false);
      },
      toFile: async () => {
        if (!inked.current) return null;
        if (isH5) {
          const c = domCanvas.current;
          if (!c) return null;
          const blob = await new Promise<Blob | null>((resolve) => c.toBlob(resolve, 'image/png'));
          return blob ? URL.createObjectURL(blob) : null;
        }
        const canvas = node.current?.canvas;
        if (!canvas) return null;
        const res = await Taro.canvasToTempFilePath({ canvas: canvas as Taro.canvasToTempFilePath.Option['canvas'], fileType: 'png' });
        return res.tempFilePath;
      },
    };
    return () => {
      handle.current = null;
    };
    // The handle is bound once per mount; ctxOf and mark read refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const start = (x: number, y: number) => {
    last.current = { x, y };
    const ctx = ctxOf();
    if (!ctx) return;
    ctx.beginPath();
    ctx.arc(x, y, 1, 0, Math.PI * 2);
    ctx.fillStyle = '#111111';
    ctx.fill();
    if (!inked.current) mark(true);
  };
  const move = (x: number, y: number) => {
    const ctx = ctxOf();
    const from = last.current;
    if (!ctx || !from) return;
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(x, y);
    ctx.stroke();
    last.current = { x, y };
  };
  const end = () => {
    last.current = null;
  };

  return (
    <View className="sig">
      <View className="sig__head">
        <Text className="sig__label">{label}</Text>
        <Text className="sig__clear" id="signature-clear" onClick={() => handle.current?.clear()}>
          {clearLabel}
        </Text>
      </View>
      {isH5 ? (
        <canvas
          id="signature-canvas"
          ref={domCanvas}
          className="sig__canvas"
          aria-label={label}
          role="img"
          style={{ width: `${WIDTH}px`, height: `${HEIGHT}px`, touchAction: 'none' }}
          onPointerDown={(e) => {
            e.currentTarget.setPointerCapture(e.pointerId);
            const r = e.currentTarget.getBoundingClientRect();
            start(e.clientX - r.left, e.clientY - r.top);
          }}
          onPointerMove={(e) => {
            if (!last.current) return;
            const r = e.currentTarget.getBoundingClientRect();
            move(e.clientX - r.left, e.clientY - r.top);
          }}
          onPointerUp={end}
          onPointerLeave={end}
        />
      ) : (
        <Canvas
          type="2d"
          id={id}
          className="sig__canvas"
          style={{ width: `${WIDTH}px`, height: `${HEIGHT}px` }}
          disableScroll
          onTouchStart={(e) => start(e.touches[0].x, e.touches[0].y)}
          onTouchMove={(e) => move(e.touches[0].x, e.touches[0].y)}
          onTouchEnd={end}
        />
      )}
      {!hasInk ? <Text className="sig__hint">{hint}</Text> : null}
    </View>
  );
}
