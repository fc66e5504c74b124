import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';

export interface WaitingItem {
  conversationId: string;
  team: string;
  position: number;
  waitedSeconds: number;
  priority: number;
  valueTier: 'vip' | 'regular' | 'new';
  sentiment: number;
  skills: Record<string, number>;
  reason: string;
  note: string | null;
  canTake: boolean;
}

export interface QueueData {
  strategy: string;
  waiting: WaitingItem[];
  mine: Array<{ conversationId: string; team: string; via: string; assignedAt: number }>;
  capacity: Record<string, number>;
  load: Record<string, number>;
}

export interface BoardData {
  serviceLevel: { targetSeconds: number; ratio: number; answered: number };
  teams: Array<{
    team: string;
    name: string;
    longestWaitSeconds: number;
    waiting: Array<{ conversationId: string; position: number; waitedSeconds: number; valueTier: string }>;
  }>;
  agents: Array<{
    userId: string;
    name: string;
    status: 'online' | 'away' | 'offline';
    load: Record<string, number>;
    capacity: Record<string, number>;
    conversations: string[];
  }>;
  surges: Array<{ id: string; name: string }>;
}

export interface SurgePlan {
  id: string;
  name: string;
  team: string | null;
  active: boolean;
}

/** Routing data is refetched whenever a routing event arrives over the socket (see RealtimeProvider). */
export const routingKeys = { all: ['routing'] as const };

export const useQueue = () =>
  useQuery({ queryKey: [...routingKeys.all, 'queue'], queryFn: () => api<QueueData>('GET', '/api/v1/routing/queue') });
export const useBoard = (enabled: boolean) =>
  useQuery({
    queryKey: [...routingKeys.all, 'board'],
    queryFn: () => api<BoardData>('GET', '/api/v1/routing/board'),
    enabled,
    refetchInterval: 10_000,
  });
export const useSurgePlans = (enabled: boolean) =>
  useQuery({
    queryKey: [...routingKeys.all, 'surges'],
    queryFn: () => api<{ plans: SurgePlan[] }>('GET', '/api/v1/routing/surge-plans'),
    enabled,
  });
