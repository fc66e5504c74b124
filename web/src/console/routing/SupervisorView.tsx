import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useBoard, useSurgePlans } from './queries.ts';
import { routingText } from './texts.ts';

/**
 * The supervisor's live picture: service level, each team's line with waiting times, agents with status and load,
 * surge plans to switch; and per held conversation: reassign, take over, join silently.
 */
export function SupervisorView() {
  const { locale } = useI18n();
  const tx = (key: Parameters<typeof routingText>[1], values?: Record<string, string | number>) =>
    routingText(locale, key, values);
  const board = useBoard(true);
  const plans = useSurgePlans(true);
  const client = useQueryClient();
  const [joined, setJoined] = useState<Set<string>>(new Set());
  const act = async (path: string, body: unknown = {}) => {
    await api('POST', path, body);
    void client.invalidateQueries({ queryKey: ['routing'] });
  };
  const data = board.data;
  const agents = data?.agents ?? [];
  return (
    <div className="rt-board" data-testid="supervisor-board">
      {data && (
        <p className="rt-sl" data-testid="service-level">
          {tx('serviceLevel')}:{' '}
          {tx('serviceLevelValue', {
            p: Math.round(data.serviceLevel.ratio * 100),
            s: data.serviceLevel.targetSeconds,
          })}
        </p>
      )}
      <section>
        <h3>{tx('waiting')}</h3>
        {(data?.teams ?? []).map((team) => (
          <div key={team.team} className="rt-team">
            <h4>
              {team.name} · {team.waiting.length} · {tx('waited', { s: team.longestWaitSeconds })}
            </h4>
            <ul className="rt-list">
              {team.waiting.map((w) => (
                <li key={w.conversationId}>
                  #{w.position} <span className={`rt-tier rt-tier-${w.valueTier}`}>{w.valueTier.toUpperCase()}</span>{' '}
                  {w.conversationId.slice(-6)} · {tx('waited', { s: w.waitedSeconds })}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
      <section>
        <h3>{tx('agents')}</h3>
        <table className="rt-table">
          <tbody>
            {agents.map((agent) => (
              <tr key={agent.userId} data-testid="board-agent">
                <td>{agent.name}</td>
                <td className={`rt-status rt-${agent.status}`}>{tx(agent.status)}</td>
                <td>{tx('load', { load: agent.load.web_widget ?? 0, capacity: agent.capacity.web_widget ?? 0 })}</td>
                <td>
                  {agent.conversations.map((id) => (
                    <div key={id} className="rt-row">
                      <span>{id.slice(-6)}</span>
                      <select
                        aria-label={tx('reassign')}
                        value=""
                        onChange={(e) =>
                          void act(`/api/v1/routing/conversations/${id}/reassign`, {
                            toAgentId: e.target.value,
                            fromAgentId: agent.userId,
                          })
                        }
                      >
                        <option value="">{tx('reassign')}…</option>
                        {agents
                          .filter((a) => a.userId !== agent.userId && a.status === 'online')
                          .map((a) => (
                            <option key={a.userId} value={a.userId}>
                              {a.name}
                            </option>
                          ))}
                      </select>
                      <button
                        type="button"
                        className="btn btn-ghost btn-small"
                        onClick={() =>
                          void act(`/api/v1/routing/conversations/${id}/take-over`, { fromAgentId: agent.userId })
                        }
                      >
                        {tx('takeOver')}
                      </button>
                      <button
                        type="button"
                        className="btn btn-ghost btn-small"
                        disabled={joined.has(id)}
                        onClick={() =>
                          void act(`/api/v1/routing/conversations/${id}/silent-join`).then(() =>
                            setJoined(new Set([...joined, id])),
                          )
                        }
                      >
                        {joined.has(id) ? tx('joined') : tx('silentJoin')}
                      </button>
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h3>{tx('surges')}</h3>
        <ul className="rt-list">
          {(plans.data?.plans ?? []).map((plan) => (
            <li key={plan.id} data-testid="surge-plan">
              {plan.name} {plan.active && <strong className="rt-active">{tx('active')}</strong>}{' '}
              <button
                type="button"
                className="btn btn-small"
                onClick={() =>
                  void act(`/api/v1/routing/surge-plans/${plan.id}/${plan.active ? 'deactivate' : 'activate'}`)
                }
              >
                {plan.active ? tx('deactivate') : tx('activate')}
              </button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
