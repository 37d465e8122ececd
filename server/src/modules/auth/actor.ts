import type { ActorType, Role } from '@baoxiu/shared';

/** A signed-in staff member, as the auth middleware puts it on the request. */
export interface StaffActor {
  type: Role;
  userId: number;
  tenantId: number;
  name: string;
}

/** Whoever a ticket event is recorded against: a staff member, the reporter, or the system. */
export interface Actor {
  type: ActorType;
  id: number | null;
}

export const SYSTEM: Actor = { type: 'system', id: null };

/** The one mapping from a staff member to the actor their ticket events carry. */
export function actorOf(staff: StaffActor): Actor {
  return { type: staff.type, id: staff.userId };
}
