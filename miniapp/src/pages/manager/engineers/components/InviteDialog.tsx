import { View, Text } from '@tarojs/components';
import { Button, Loading } from '@nutui/nutui-react-taro';
import type { ApiError } from '../../../../api/errors';
import type { StaffInvite, StaffWechatView } from '../../../../api/wechat-console';
import { fmt, tc } from '../../../../i18n/console';
import { formatTime } from '../../../../lib/time';
import { ConsoleDialog } from '../../components/ConsoleDialog';

export interface InviteState {
  staff: StaffWechatView;
  invite: StaffInvite | null;
  error: ApiError | null;
}

/** The server's SVG as an image source: shown by an <img>, so nothing in it can run in the page. */
export function svgSource(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

interface InviteDialogProps {
  state: InviteState;
  onRetry: () => void;
  onClose: () => void;
}

/** The invite QR the engineer scans in WeChat, with its expiry: single use, so it is shown once and not stored. */
export function InviteDialog({ state, onRetry, onClose }: InviteDialogProps) {
  const { staff, invite, error } = state;
  return (
    <ConsoleDialog
      id="invite-dialog"
      title={fmt(tc('inviteTitle'), { name: staff.name })}
      onClose={onClose}
      footer={
        <Button id="invite-done" type="primary" onClick={onClose}>
          {tc('inviteDone')}
        </Button>
      }
    >
      {error ? (
        <View className="notice notice--error invite__error" id="invite-error" data-code={error.code}>
          <Text>{error.message}</Text>
          {error.code === 'FORBIDDEN' ? (
            <Text className="invite__forbidden">{tc('adminOnlyActions')}</Text>
          ) : (
            <Button size="small" onClick={onRetry}>
              {tc('retry')}
            </Button>
          )}
        </View>
      ) : null}
      {!invite && !error ? <Loading>{tc('inviteGenerating')}</Loading> : null}
      {invite ? (
        <View className="invite" id="invite" data-url={invite.url} data-expires={invite.expiresAt}>
          <img id="invite-qr" className="invite__qr" src={svgSource(invite.qrSvg)} alt={invite.url} />
          <View className="invite__text">
            <Text>{fmt(tc('inviteHint'), { name: staff.name })}</Text>
            <Text className="notice invite__expiry" id="invite-expiry">
              {fmt(tc('inviteSingleUse'), { time: formatTime(invite.expiresAt) })}
            </Text>
            <Text className="muted-c">{tc('inviteLink')}</Text>
            <Text className="mono invite__url" id="invite-url" userSelect>
              {invite.url}
            </Text>
          </View>
        </View>
      ) : null}
    </ConsoleDialog>
  );
}
