import { useState, type FormEvent } from 'react';
import { Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { StaffPasswordSchema, type StaffView } from '@baoxiu/shared';
import { asApiError } from '../../../../api/errors';
import { resetStaffPassword } from '../../../../api/staff';
import { fmt, tc } from '../../../../i18n/console';
import { ta } from '../../../../i18n/admin';
import { ConsoleDialog } from '../../components/ConsoleDialog';
import { Field } from '../../components/Field';

interface PasswordDialogProps {
  staff: StaffView;
  onDone: (staff: StaffView) => void;
  onClose: () => void;
}

/** A new password set by the admin, who then tells the person (there is no e-mail to send it to). */
export function PasswordDialog({ staff, onDone, onClose }: PasswordDialogProps) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    if (!StaffPasswordSchema.safeParse(password).success) return setError(ta('staffNeedPassword'));
    setBusy(true);
    setError('');
    try {
      onDone(await resetStaffPassword(staff.id, password));
    } catch (caught) {
      setError(asApiError(caught).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <ConsoleDialog
      id="password-dialog"
      title={fmt(ta('staffPasswordTitle'), { name: staff.name })}
      onClose={onClose}
      footer={
        <>
          <Button fill="none" onClick={onClose}>
            {tc('cancel')}
          </Button>
          <Button id="password-save" type="primary" loading={busy} onClick={() => void submit()}>
            {tc('save')}
          </Button>
        </>
      }
    >
      <form onSubmit={(e) => void submit(e)}>
        <Text className="muted-c">{staff.username}</Text>
        <Field label={ta('staffFieldNewPassword')} required error={error}>
          <input
            id="password-input"
            type="password"
            autoComplete="new-password"
            className={`c-input${error ? ' c-input--invalid' : ''}`}
            value={password}
            maxLength={200}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <button type="submit" className="c-hidden" />
      </form>
    </ConsoleDialog>
  );
}
