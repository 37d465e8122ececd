import type { EngineerView } from '@baoxiu/shared';
import type { User } from '../auth/user.entity';

export function presentEngineer(user: User, openJobs: number, onDutyNow: boolean): EngineerView {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    phone: user.phone,
    skills: user.skills ?? [],
    siteIds: user.siteIds ?? [],
    onDuty: user.onDuty,
    onDutyNow,
    openJobs,
  };
}
