import { useEffect, useState, type ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { Role } from '@baoxiu/shared';
import { LangSwitch } from '../../../components/LangSwitch';
import { tc, useLang } from '../../../i18n/console';
import { ta } from '../../../i18n/admin';
import { lowStock } from '../../../api/parts';
import { routes } from '../../../lib/routes';
import { clearSession, getSession, type Session } from '../../../lib/session';
import './console.css';

export type ConsoleSection =
  | 'dashboard'
  | 'tickets'
  | 'assets'
  | 'import'
  | 'labels'
  | 'sites'
  | 'engineers'
  | 'kb'
  | 'staff'
  | 'tenant'
  | 'settings'
  | 'billing'
  | 'pm'
  | 'parts'
  | 'quotes'
  | 'contracts';

export const CONSOLE_ROLES: readonly Role[] = ['admin', 'dispatcher'];

interface NavItem {
  section: ConsoleSection;
  label: () => string;
  url: string;
  /** Pages whose purpose is an admin's permission (staff:manage, settings:write): dispatchers do not see them. */
  adminOnly?: boolean;
}

const NAV: NavItem[] = [
  { section: 'dashboard', label: () => ta('navDashboard'), url: routes.consoleDashboard },
  { section: 'tickets', label: () => tc('navTickets'), url: routes.consoleTickets },
  { section: 'assets', label: () => tc('navAssets'), url: routes.consoleAssets },
  { section: 'import', label: () => tc('navImport'), url: routes.consoleImport },
  { section: 'labels', label: () => tc('navLabels'), url: routes.consoleLabels },
  { section: 'sites', label: () => tc('navSites'), url: routes.consoleSites },
  { section: 'parts', label: () => tc('navParts'), url: routes.consoleParts },
  { section: 'quotes', label: () => tc('navQuotes'), url: routes.consoleQuotes },
  { section: 'contracts', label: () => tc('navContracts'), url: routes.consoleContracts },
  { section: 'engineers', label: () => tc('navEngineers'), url: routes.consoleEngineers },
  { section: 'kb', label: () => tc('navKb'), url: routes.consoleKb },
  { section: 'pm', label: () => tc('navPm'), url: routes.consolePm },
  { section: 'staff', label: () => ta('navStaff'), url: routes.consoleStaff, adminOnly: true },
  { section: 'tenant', label: () => ta('navTenant'), url: routes.consoleTenant, adminOnly: true },
  { section: 'settings', label: () => tc('navSettings'), url: routes.consoleSettings, adminOnly: true },
  { section: 'billing', label: () => tc('navBilling'), url: routes.consoleBilling, adminOnly: true },
];

/** The side navigation a role sees. */
export function navFor(role: Role): NavItem[] {
  return NAV.filter((item) => !item.adminOnly || role === 'admin');
}

let consolePagesMounted = 0;

/** Open low-stock alerts (GET /api/stock/low), shared by the pages of one visit and asked again after a minute. */
let lowStockSeen: { at: number; count: number } | null = null;
const LOW_STOCK_TTL_MS = 60_000;

function useLowStockCount(enabled: boolean): number {
  const [count, setCount] = useState(lowStockSeen?.count ?? 0);
  useEffect(() => {
    if (!enabled || (lowStockSeen && Date.now() - lowStockSeen.at < LOW_STOCK_TTL_MS)) return;
    let live = true;
    // A tenant without the parts module answers 403: no count, no badge.
    void lowStock()
      .then((items) => {
        lowStockSeen = { at: Date.now(), count: items.length };
        if (live) setCount(items.length);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [enabled]);
  return count;
}

/** After a stock movement on the parts page: the badge asks again. */
export function forgetLowStockCount(): void {
  lowStockSeen = null;
}

/** A section of the side navigation starts a fresh page stack, so pages do not pile up under each other. */
export function openSection(url: string): void {
  void Taro.reLaunch({ url });
}

/** Back to the page underneath (the list keeps its filters and page), or `url` when there is none. */
export function goBackOr(url: string): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.redirectTo({ url });
}

/**
 * Taro's H5 root font grows with the window (up to 40 px on a desktop), which would draw NutUI and our
 * 750-wide design twice as large as on a phone. Console pages pin it at 20 px (see console.css).
 * Counted, because Taro keeps a console page mounted under the next one it opens.
 */
export function useConsoleRoot(): void {
  useEffect(() => {
    consolePagesMounted += 1;
    document.documentElement.classList.add('bx-console');
    return () => {
      consolePagesMounted -= 1;
      if (consolePagesMounted === 0) document.documentElement.classList.remove('bx-console');
    };
  }, []);
}

export function consoleSession(): Session | null {
  const session = getSession();
  return session && CONSOLE_ROLES.includes(session.user.role) ? session : null;
}

interface ConsoleShellProps {
  section: ConsoleSection;
  title: string;
  /** Buttons on the right of the title. */
  actions?: ReactNode;
  /** A dispatcher opening it (by its URL) sees a notice instead of the page. */
  adminOnly?: boolean;
  children: ReactNode;
}

/** The desktop frame of every console page: side navigation, title bar, user, language; staff sign-in required. */
export function ConsoleShell({ section, title, actions, adminOnly, children }: ConsoleShellProps) {
  useLang();
  useConsoleRoot();
  const session = consoleSession();
  const lowCount = useLowStockCount(session !== null);

  useEffect(() => {
    if (!session) void Taro.redirectTo({ url: routes.consoleLogin });
  }, [session]);
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: `${title} · ${tc('consoleName')}` }).catch(() => undefined);
  }, [title]);

  const signOut = () => {
    clearSession();
    void Taro.reLaunch({ url: routes.consoleLogin });
  };

  if (!session) return <View className="console" />;
  return (
    <View className="console">
      <View className="console__side">
        <Text className="console__brand">{tc('consoleName')}</Text>
        {navFor(session.user.role).map((item) => (
          <View
            key={item.section}
            id={`nav-${item.section}`}
            className={`console__nav${item.section === section ? ' console__nav--active' : ''}`}
            onClick={() => openSection(item.url)}
          >
            {item.label()}
            {item.section === 'parts' && lowCount > 0 ? (
              <Text className="badge badge--error console__count" id="nav-low-stock" aria-label={`${tc('lowStock')} ${lowCount}`}>
                {lowCount}
              </Text>
            ) : null}
          </View>
        ))}
      </View>
      <View className="console__main">
        <View className="console__bar">
          <Text className="console__user" id="console-user">
            {session.user.name} · {tc(session.user.role === 'admin' ? 'roleAdmin' : 'roleDispatcher')} · {session.tenant}
          </Text>
          <LangSwitch />
          <Button id="console-sign-out" size="small" fill="none" onClick={signOut}>
            {tc('signOut')}
          </Button>
        </View>
        <View className="console__head">
          <Text className="console__title" id="console-title">
            {title}
          </Text>
          <View className="console__actions">{adminOnly && session.user.role !== 'admin' ? null : actions}</View>
        </View>
        <View className="console__body">
          {adminOnly && session.user.role !== 'admin' ? (
            <View className="notice notice--error" id="console-admin-only">
              {ta('adminOnlyPage')}
            </View>
          ) : (
            children
          )}
        </View>
      </View>
    </View>
  );
}
