import { useEffect, type ReactNode } from 'react';
import { Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { tc } from '../../../i18n/console';

interface ConsoleDialogProps {
  id: string;
  title: string;
  onClose: () => void;
  /** Buttons at the bottom right; a close button is always in the title bar. */
  footer?: ReactNode;
  children: ReactNode;
}

/** A modal box over the console page; Escape, the mask and the close button all close it. */
export function ConsoleDialog({ id, title, onClose, footer, children }: ConsoleDialogProps) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div className="c-dialog" id={id} role="dialog" aria-modal="true" aria-labelledby={`${id}-title`}>
      <div className="c-dialog__mask" onClick={onClose} />
      <div className="c-dialog__box">
        <div className="c-dialog__head">
          <Text className="c-dialog__title" id={`${id}-title`}>
            {title}
          </Text>
          <Button id={`${id}-close`} size="small" fill="none" onClick={onClose}>
            {tc('close')}
          </Button>
        </div>
        <div className="c-dialog__body">{children}</div>
        {footer ? <div className="c-dialog__foot">{footer}</div> : null}
      </div>
    </div>
  );
}
