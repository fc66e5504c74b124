import { openTestDatabase } from '../../../../test/support/engines.ts';

for (const engine of ['sqlite', 'postgres'] as const) {
  const db = await openTestDatabase(engine);
  console.log(engine, 'migrated');
  await db.dispose();
}
