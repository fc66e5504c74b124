import { describe, expect, it } from 'vitest';
import { ZH_EXAMPLES } from '../intent/fixtures.test-data.ts';
import { trainIntentModel } from '../intent/train.ts';
import { scoreIntentModel } from './intent.ts';

describe('scoreIntentModel', () => {
  // trained without "invoice": its messages are the out-of-scope rows
  const model = trainIntentModel(
    ZH_EXAMPLES.filter((e) => e.intent !== 'invoice'),
    { seed: 3 },
  ).model;
  const test = [
    { text: '我想退款，钱什么时候退回', intent: 'refund' },
    { text: '我的包裹到哪里了', intent: 'track' },
    { text: '密码忘了怎么办', intent: 'password' },
    { text: '公司发票怎么开', intent: 'invoice' },
    { text: '发票抬头能改吗', intent: 'invoice' },
    { text: '😀😀', intent: 'invoice' },
  ];

  it('decides as predict() does at the model threshold and at an override', () => {
    for (const threshold of [undefined, 0, 0.5, 1]) {
      const r = scoreIntentModel(model, test, 'oos', new Set(['invoice']), threshold);
      let right = 0;
      for (const row of test) {
        const p = model.predict(row.text, { top: 1, threshold });
        right +=
          row.intent === 'invoice' ? Number(p.outOfScope) : Number(!p.outOfScope && p.intents[0]?.name === row.intent);
      }
      expect(r.accuracy).toBeCloseTo(right / test.length, 4);
    }
  });

  it('reports how well confidence separates in-scope from out-of-scope rows', () => {
    const r = scoreIntentModel(model, test, 'oos', new Set(['invoice']));
    const s = r.oos_separation!;
    expect(s.auroc).toBeGreaterThanOrEqual(0);
    expect(s.auroc).toBeLessThanOrEqual(1);
    // nothing known in "😀😀": rejected whatever the threshold, so some recall is free
    expect(s.best_recall_at_1pt_loss).toBeGreaterThanOrEqual(1 / 3);
    expect(s.best_recall_at_2pt_loss).toBeGreaterThanOrEqual(s.best_recall_at_1pt_loss);
  });

  it('has no separation figure without out-of-scope rows', () => {
    const inScopeOnly = test.filter((row) => row.intent !== 'invoice');
    expect(scoreIntentModel(model, inScopeOnly, 'oos').oos_separation).toBeNull();
  });
});
