import { describe, expect, it } from 'vitest';
import { freshEachTest, testEngines } from '../../test/support/engines.ts';
import { insertSurgePlan, setSurgeActive } from './surge-store.ts';
import { countOnlineInTeam } from './team-online.ts';
import { routingBed } from './testing.ts';

describe.each(testEngines())('who can answer a team on %s', (engine) => {
  const bed = freshEachTest(engine, routingBed);

  it("counts the team's online members, and those of teams an active surge plan lends it", async () => {
    const { ctx, workspaceId } = bed();
    await bed().addAgent('一线 小张', {});
    await bed().addAgent('账务 老陈', { teams: ['billing'] });
    await bed().addAgent('账务 小李', { teams: ['billing'] }, false);
    await bed().addAgent('技术 阿强', { teams: ['tech'] });
    expect(await countOnlineInTeam(ctx, workspaceId, 'billing')).toBe(1);
    expect(await countOnlineInTeam(ctx, workspaceId, 'general')).toBe(1);
    expect(await countOnlineInTeam(ctx, workspaceId, 'vip')).toBe(0);
    const input = {
      name: '账务高峰',
      team: 'billing',
      trigger: { kind: 'manual' as const },
      actions: { borrowFrom: ['tech'] },
    };
    await insertSurgePlan(ctx.db, 'surge_borrow', workspaceId, input, ctx.clock.now());
    // Written but not active: nobody is lent yet.
    expect(await countOnlineInTeam(ctx, workspaceId, 'billing')).toBe(1);
    await setSurgeActive(ctx.db, workspaceId, 'surge_borrow', true, 'test', ctx.clock.now());
    expect(await countOnlineInTeam(ctx, workspaceId, 'billing')).toBe(2);
    expect(await countOnlineInTeam(ctx, workspaceId, 'tech')).toBe(1);
  });
});
