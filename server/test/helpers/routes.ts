import type { Deps } from '../../src/deps';
import { buildRouters } from '../../src/app';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ServedRoute {
  /** `METHOD /path/:param`, the key the matrices are written in. */
  key: string;
  method: HttpMethod;
  path: string;
  params: string[];
}

/** Every method + path the app's routers register (HEAD mirrors GET and is left out). */
export function servedRoutes(deps: Deps): ServedRoute[] {
  return buildRouters(deps).flatMap((router) =>
    router.stack.flatMap((layer) =>
      layer.methods
        .filter((m) => m !== 'HEAD')
        .map((m) => {
          const path = String(layer.path);
          return { key: `${m} ${path}`, method: m as HttpMethod, path, params: layer.paramNames.map((p) => String(p.name)) };
        }),
    ),
  );
}

/** What a matrix lacks and what it lists that the app no longer serves; both must be empty. */
export function matrixGaps(served: ServedRoute[], listed: string[]): { unlisted: string[]; gone: string[] } {
  const keys = served.map((r) => r.key);
  return { unlisted: keys.filter((k) => !listed.includes(k)), gone: listed.filter((k) => !keys.includes(k)) };
}

/** Fills `:param`s with values of the right shape that name nothing, so only the guard decides the answer. */
export function placeholderPath(route: ServedRoute): string {
  const value: Record<string, string> = {
    id: '2147483647',
    number: 'BX-20000101-9999',
    code: 'ZZZZZZZZZZZZ',
    trackingToken: 'A'.repeat(24),
  };
  return route.path.replace(/:(\w+)/g, (_, name: string) => value[name] ?? 'placeholder-1234567890');
}
