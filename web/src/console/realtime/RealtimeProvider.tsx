import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { PresenceStatus, ServerEvent } from '../../shared/api-types.ts';
import { ReconnectingSocket } from '../../shared/reconnecting-socket.ts';
import { api } from '../api/client.ts';
import { addMessageToCache, conversationKeys } from '../conversations/queries.ts';

const PRESENCE_KEY = 'lingxi.console.presence';

interface Realtime {
  /** False for roles without conversations (knowledge editors, auditors): no socket, no presence. */
  enabled: boolean;
  connected: boolean;
  presence: PresenceStatus;
  /** Saves the agent's presence on the server (PUT /presence); resolves once it is stored. */
  setPresence: (status: PresenceStatus) => Promise<void>;
}

const RealtimeContext = createContext<Realtime | null>(null);

function savedPresence(): PresenceStatus {
  try {
    const saved = localStorage.getItem(PRESENCE_KEY);
    if (saved === 'online' || saved === 'away' || saved === 'offline') return saved;
  } catch {
    // storage blocked
  }
  return 'online';
}

/**
 * One socket per signed-in console (cookie auth). Live events patch the cached threads and refresh the lists;
 * after a reconnect everything is refetched, and the agent's presence is restored (the server marks a dropped agent away).
 */
export function RealtimeProvider({ children, enabled = true }: { children: ReactNode; enabled?: boolean }) {
  const client = useQueryClient();
  const [connected, setConnected] = useState(false);
  const [presence, setPresenceState] = useState<PresenceStatus>(savedPresence);
  const presenceRef = useRef(presence);
  const socketRef = useRef<ReconnectingSocket | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const socket = new ReconnectingSocket({
      url: () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/ws`,
      onOpen: () => {
        socket.send({ type: 'presence.set', status: presenceRef.current });
        // Events sent before this socket opened (page load, or a gap while reconnecting) were missed: refetch.
        void client.invalidateQueries({ queryKey: conversationKeys.lists });
        void client.invalidateQueries({ queryKey: ['conversation'] });
        void client.invalidateQueries({ queryKey: ['messages'] });
      },
      onEvent: (event: ServerEvent) => {
        if (event.type === 'message.created') {
          addMessageToCache(client, event.message);
          void client.invalidateQueries({ queryKey: conversationKeys.lists });
        } else if (event.type === 'routing') {
          void client.invalidateQueries({ queryKey: ['routing'] });
        } else if (event.type === 'conversation.updated') {
          void client.invalidateQueries({ queryKey: conversationKeys.lists });
          void client.invalidateQueries({ queryKey: conversationKeys.detail(event.conversation.id) });
        }
      },
      onStateChange: setConnected,
    });
    socketRef.current = socket;
    socket.start();
    const online = () => socket.reconnectNow();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      socket.stop();
      socketRef.current = null;
    };
  }, [client, enabled]);

  const setPresence = useCallback(async (status: PresenceStatus) => {
    await api<{ status: PresenceStatus }>('PUT', '/api/v1/presence', { status });
    presenceRef.current = status;
    setPresenceState(status);
    try {
      localStorage.setItem(PRESENCE_KEY, status);
    } catch {
      // kept for this page only
    }
  }, []);

  const value = useMemo(
    () => ({ enabled, connected, presence, setPresence }),
    [enabled, connected, presence, setPresence],
  );
  return <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>;
}

export function useRealtime(): Realtime {
  const value = useContext(RealtimeContext);
  if (!value) throw new Error('useRealtime outside RealtimeProvider');
  return value;
}
