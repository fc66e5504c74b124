export { isOpen, isTimeZone, localTime, parseInterval } from './business-hours.ts';
export { canServe, canTakeNow, type EligibilityContext, roomIn } from './eligibility.ts';
export { escalate, initialLevel, type LevelTeams } from './escalation.ts';
export {
  agentFor,
  nextConversationFor,
  planAssignments,
  type RankedConversation,
  type RoutingSnapshot,
  rankWaiting,
} from './plan.ts';
export {
  assertWeights,
  compareWaiting,
  complexityOf,
  DEFAULT_PRIORITY_PARAMS,
  DEFAULT_WEIGHTS,
  priorityOf,
} from './priority.ts';
export { chooseAgent } from './strategies.ts';
export * from './types.ts';
