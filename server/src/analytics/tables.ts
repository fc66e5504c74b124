import type { SumColumn } from './sums.ts';

/** The tables analytics owns (see migrations/202611260500_analytics.ts). */

export interface FactTable {
  workspace_id: string;
  conversation_id: string;
  started_at: number;
  ended_at: number | null;
  status: string;
  channel: string;
  team: string;
  agent: string;
  intent: string;
  language: string;
  tier: string;
  bot_failure: string;
  definition_version: number;
  /** The whole ConversationFact as JSON: what a recomputation subtracts from the rollups. */
  fact: string;
  /** The non-zero counters of its contribution, space-delimited (see drilldown.ts). */
  tags: string;
}

export type RollupTable = {
  workspace_id: string;
  /** `h` (hour) or `d` (day at the workspace's UTC offset). */
  grain: string;
  bucket: number;
  /** `all` or one of DIMENSIONS. */
  dim: string;
  dim_value: string;
} & Record<SumColumn, number>;

export interface CursorTable {
  name: string;
  last_id: string;
  version: number;
  updated_at: number;
}

export interface DefinitionsTable {
  workspace_id: string;
  params: string;
  version: number;
  /** The version the facts were last fully recomputed under; behind `version` while a rebuild is due. */
  rebuilt_version: number;
  updated_at: number;
}

export interface MarkerTable {
  id: string;
  workspace_id: string;
  kind: string;
  version: string;
  note: string;
  at: number;
}

export interface TargetTable {
  id: string;
  workspace_id: string;
  metric: string;
  scenario: string;
  value: number;
  source: string;
  updated_at: number;
}

export interface ScorecardTable {
  id: string;
  workspace_id: string;
  scenario: string;
  weights: string;
  updated_at: number;
}

export interface AlertRuleTable {
  id: string;
  workspace_id: string;
  rule: string;
  enabled: number;
  breach_since: number | null;
  breach_version: number | null;
  last_fired_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface AlertTable {
  id: string;
  workspace_id: string;
  rule_id: string;
  slot: number;
  fired_at: number;
  metric: string;
  value: number | null;
  threshold: number | null;
  message: string;
  deliveries: string;
}

export interface NotificationTable {
  id: string;
  workspace_id: string;
  alert_id: string;
  title: string;
  body: string;
  created_at: number;
  read_at: number | null;
}

declare module '../platform/db/tables.ts' {
  interface Tables {
    analytics_facts: FactTable;
    analytics_rollups: RollupTable;
    analytics_cursor: CursorTable;
    analytics_definitions: DefinitionsTable;
    analytics_markers: MarkerTable;
    analytics_targets: TargetTable;
    analytics_scorecards: ScorecardTable;
    analytics_alert_rules: AlertRuleTable;
    analytics_alerts: AlertTable;
    analytics_notifications: NotificationTable;
  }
}
