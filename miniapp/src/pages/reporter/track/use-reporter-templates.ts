import { useEffect, useState } from 'react';
import { loadReporterTemplates, subscribeReporter, type ReporterTemplates } from '../../../lib/wechat';

export interface ReporterTemplatesState {
  /** Null outside WeChat (and the H5 dev sign-in), or when the company has no reporter templates. */
  loaded: ReporterTemplates | null;
  /** Must be called inside a tap: WeChat opens its dialog only then. */
  subscribe: (templateIds: string[]) => Promise<boolean>;
}

/** The reporter templates of the ticket's company with the credit left, loaded up front so a tap asks at once. */
export function useReporterTemplates(assetCode: string | null): ReporterTemplatesState {
  const [loaded, setLoaded] = useState<ReporterTemplates | null>(null);

  useEffect(() => {
    if (!assetCode) return undefined;
    let live = true;
    void loadReporterTemplates(assetCode).then((value) => live && setLoaded(value));
    return () => {
      live = false;
    };
  }, [assetCode]);

  const subscribe = async (templateIds: string[]) => {
    if (!loaded || templateIds.length === 0) return false;
    const accepted = await subscribeReporter(loaded, templateIds);
    // The credits changed: read them again, so only what is still missing is offered next.
    if (assetCode) setLoaded(await loadReporterTemplates(assetCode));
    return accepted;
  };

  return { loaded, subscribe };
}
