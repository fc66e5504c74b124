import type { FastifyRequest } from 'fastify';
import type { Dimension } from '../../../analytics/definitions.ts';
import { AppError } from '../../../platform/errors.ts';
import { signedIn } from '../../principal.ts';

const WEEK = 7 * 24 * 3_600_000;

/** The range asked for, or the last 7 days. */
export function rangeOf(query: { from?: number; to?: number }, now: number): { from: number; to: number } {
  const to = query.to ?? now;
  const from = query.from ?? to - WEEK;
  if (from >= to) throw new AppError('validation_failed', 'from must be before to', { details: { from, to } });
  return { from, to };
}

/**
 * The slice a caller may see. Agents are pinned to their own figures whatever they ask for; supervisors and admins
 * see the slice they ask for (or everything).
 */
export function sliceOf(
  request: FastifyRequest,
  query: { dim?: Dimension; value?: string },
): { workspaceId: string; filter?: { dim: Dimension; value: string }; agentOnly: boolean } {
  const principal = signedIn(request);
  if (principal.kind === 'user' && principal.role === 'agent') {
    return { workspaceId: principal.workspaceId, filter: { dim: 'agent', value: principal.userId }, agentOnly: true };
  }
  if ((query.dim === undefined) !== (query.value === undefined)) {
    throw new AppError('validation_failed', 'dim and value go together');
  }
  return {
    workspaceId: principal.workspaceId,
    agentOnly: false,
    ...(query.dim !== undefined && query.value !== undefined ? { filter: { dim: query.dim, value: query.value } } : {}),
  };
}
