import { describe, expect, it } from 'vitest';
import { freshEachTest, testEngines } from '../../../test/support/engines.ts';
import { countingQueueReads, routingBed } from '../testing.ts';
import { assignWaiting } from './assign-waiting.ts';
import { enqueueConversation } from './enqueue-conversation.ts';
import { transferToTeam } from './transfer-to-team.ts';

describe.each(testEngines())('transferring to a team on %s', (engine) => {
  const bed = freshEachTest(engine, routingBed);

  it("reads the queue twice: the assigner's pass, then one ranked read of the target line; counts only who can answer it", async () => {
    const { ctx, workspaceId } = bed();
    const first = await bed().addAgent('一线 小张', { capacity: { web_widget: 1, api: 0 } });
    await bed().addAgent('账务 老陈', { teams: ['billing'] }, false);
    await enqueueConversation(ctx, {
      workspaceId,
      conversationId: 'conv_t',
      team: 'general',
      priority: 10,
      reason: 'asks_for_human',
      facts: { valueTier: 'vip' },
    });
    await assignWaiting(bed().deps, workspaceId);
    const reads: string[] = [];
    const deps = { ...bed().deps, ctx: { ...ctx, db: countingQueueReads(ctx.db, reads) } };
    const moved = await transferToTeam(deps, {
      workspaceId,
      conversationId: 'conv_t',
      team: 'billing',
      note: '客户要求退款',
      actorId: first,
    });
    // The general agent online is not counted for billing: nobody there can answer.
    expect(moved).toMatchObject({ team: 'billing', assignedTo: null, position: 1, online: 0 });
    // The assigner's read of what the freed agent can reach, then the billing line for the place. Before, the answer
    // also read the whole line (routing state) and the entry (to learn the team it was just sent to): four reads.
    expect(reads).toHaveLength(2);
  });
});
