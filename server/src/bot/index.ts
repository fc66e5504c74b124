// The bot's public face for the conversations module and the edges: answer a message, word a hand-off notice,
// read a brief. Everything else in this folder is the bot's own business.
export { briefOf, findHandoffBrief, type HandoffBrief } from './brief.ts';
export { handoffNotice, type QueueSituation } from './notice.ts';
export { type BotTurn, type RespondInput, respond } from './respond.ts';
export { botEnabled, botWiring, configureBot, forgetWorkspaceBot, workspaceBot } from './runtime.ts';
export type { BotDecision, BotReply, HandoffRequest, Locale, TicketRequest } from './schema.ts';
