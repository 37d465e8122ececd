import { useEffect, useRef, useState } from 'react';
import { DeskTicketChangeSchema, type DeskTicketChange } from '@baoxiu/shared';
import { streamTicket, streamUrl } from '../api/desk';

/** live: events arrive as they commit; polling: the stream is away, the page reloads on a timer. */
export type LiveState = 'connecting' | 'live' | 'polling';

export const POLL_MS = 10_000;
const MAX_BACKOFF_MS = 30_000;

/**
 * The desk's live feed. EventSource cannot send the bearer token, so each connection takes a fresh
 * one-use stream ticket; on an error the page closes it and reconnects itself (with the last event id,
 * so the server replays what was missed), backing off up to 30 s, and polls meanwhile.
 */
export function useDeskLive(onChange: (change: DeskTicketChange) => void, onResync: () => void): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const handlers = useRef({ onChange, onResync });
  handlers.current = { onChange, onResync };

  useEffect(() => {
    if (typeof EventSource === 'undefined') {
      setState('polling');
      const timer = setInterval(() => handlers.current.onResync(), POLL_MS);
      return () => clearInterval(timer);
    }
    let source: EventSource | null = null;
    let lastId: string | null = null;
    let failures = 0;
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let poll: ReturnType<typeof setInterval> | null = null;
    const startPolling = () => {
      setState('polling');
      poll ??= setInterval(() => handlers.current.onResync(), POLL_MS);
    };
    const stopPolling = () => {
      if (poll) clearInterval(poll);
      poll = null;
    };
    const scheduleReconnect = () => {
      if (stopped) return;
      failures += 1;
      if (failures >= 2) startPolling();
      retry = setTimeout(() => void connect(), Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** (failures - 1)));
    };
    const connect = async () => {
      if (stopped) return;
      let ticket: string;
      try {
        ticket = await streamTicket();
      } catch {
        scheduleReconnect();
        return;
      }
      if (stopped) return;
      const es = new EventSource(streamUrl(ticket, lastId));
      source = es;
      es.onopen = () => {
        // Back after a gap with nothing to replay from: the lists are reloaded instead.
        if (failures > 0 && lastId === null) handlers.current.onResync();
        failures = 0;
        stopPolling();
        setState('live');
      };
      es.addEventListener('ticket', (event) => {
        const message = event as MessageEvent<string>;
        if (message.lastEventId) lastId = message.lastEventId;
        try {
          const parsed = DeskTicketChangeSchema.safeParse(JSON.parse(message.data));
          if (parsed.success) handlers.current.onChange(parsed.data);
        } catch {
          // an unreadable frame is skipped; the next reload shows the truth
        }
      });
      es.addEventListener('resync', () => {
        lastId = null;
        handlers.current.onResync();
      });
      es.onerror = () => {
        // The ticket was used up: EventSource's own retry would be refused, so reconnect with a fresh one.
        es.close();
        if (source === es) source = null;
        scheduleReconnect();
      };
    };
    void connect();
    return () => {
      stopped = true;
      source?.close();
      if (retry) clearTimeout(retry);
      stopPolling();
    };
  }, []);
  return state;
}
