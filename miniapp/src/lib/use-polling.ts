import { useEffect, useRef, useState } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';

// Only a browser tab has a visibility state; in WeChat, useDidHide covers the app going to the background.
const isH5 = process.env.TARO_ENV === 'h5';

/**
 * Calls `tick` every `intervalMs` while the page is on screen and `active` holds: paused when the page is
 * hidden (another page on top, the app in the background, the browser tab hidden), stopped on unmount.
 */
export function usePolling(tick: () => unknown, intervalMs: number, active: boolean): void {
  const [shown, setShown] = useState(true);
  const [visible, setVisible] = useState(() => !isH5 || document.visibilityState !== 'hidden');
  const tickRef = useRef(tick);
  tickRef.current = tick;
  useDidShow(() => setShown(true));
  useDidHide(() => setShown(false));

  useEffect(() => {
    if (!isH5) return undefined;
    const onChange = () => setVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);

  useEffect(() => {
    if (!active || !shown || !visible) return undefined;
    const timer = setInterval(() => void tickRef.current(), intervalMs);
    return () => clearInterval(timer);
  }, [active, shown, visible, intervalMs]);
}
