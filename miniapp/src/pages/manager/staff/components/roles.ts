import type { Role } from '@baoxiu/shared';
import type { AdminKey } from '../../../../i18n/admin';

export const ROLE_NAME: Record<Role, AdminKey> = {
  admin: 'staffRoleNameAdmin',
  dispatcher: 'staffRoleNameDispatcher',
  engineer: 'staffRoleNameEngineer',
};
export const ROLE_HELP: Record<Role, AdminKey> = {
  admin: 'staffRoleHelpAdmin',
  dispatcher: 'staffRoleHelpDispatcher',
  engineer: 'staffRoleHelpEngineer',
};
