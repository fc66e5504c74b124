import type { BotReply, BotSettings, Locale } from './schema.ts';
import { say, TEXTS } from './texts.ts';

export interface QueueSituation {
  team: string;
  /** Agents online who could take the conversation. */
  online: number;
  /** 1 = next in line. */
  position: number;
}

/**
 * What the customer reads once the hand-off is queued: the place in line and a wait estimate when someone is
 * online; otherwise the workspace's choice among leave-a-message / call-back (as buttons) or waiting in the queue.
 */
export function handoffNotice(settings: BotSettings, locale: Locale, situation: QueueSituation): BotReply {
  if (situation.online > 0) {
    const minutes = Math.max(
      1,
      Math.ceil((situation.position * settings.handoff.averageHandleSeconds) / situation.online / 60),
    );
    return { text: say(TEXTS.handoffOnline, locale, { team: situation.team, position: situation.position, minutes }) };
  }
  if (settings.handoff.nobodyOnline === 'stay_queued') {
    return { text: say(TEXTS.handoffStayQueued, locale, { position: situation.position }) };
  }
  const options = [TEXTS.leaveMessage, TEXTS.callback, TEXTS.keepWaiting];
  if (settings.handoff.nobodyOnline === 'callback')
    options.unshift(options.splice(1, 1)[0] as (typeof options)[number]);
  return {
    text: say(TEXTS.handoffNobodyOnline, locale),
    quickReplies: options.map((o) => ({ label: say(o, locale), value: say(o, locale) })),
  };
}

/** Estimated wait in seconds, for the queue view. */
export function estimatedWaitSeconds(settings: BotSettings, situation: QueueSituation): number | null {
  if (situation.online === 0) return null;
  return Math.ceil((situation.position * settings.handoff.averageHandleSeconds) / situation.online);
}
