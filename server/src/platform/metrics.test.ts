import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics.ts';

describe('createMetrics', () => {
  it('exposes default process metrics and the counters and histograms modules create', async () => {
    const metrics = createMetrics({ defaultLabels: { instance: 'web-1' } });
    const handedOff = metrics.counter('conversations_handed_off_total', 'Conversations handed to an agent', ['reason']);
    handedOff.inc({ reason: 'customer_asked' });
    handedOff.inc({ reason: 'customer_asked' });
    metrics.histogram('bot_reply_seconds', 'Time to a bot reply').observe(0.042);
    const text = await metrics.metrics();
    expect(metrics.contentType).toMatch(/^text\/plain/);
    expect(text).toContain('lingxi_conversations_handed_off_total{reason="customer_asked",instance="web-1"} 2');
    expect(text).toContain('lingxi_bot_reply_seconds_bucket{le="0.05",instance="web-1"} 1');
    expect(text).toContain('lingxi_process_cpu_user_seconds_total');
  });

  it('returns the same metric for the same name, and keeps registries apart', async () => {
    const a = createMetrics({ defaultMetrics: false });
    const b = createMetrics({ defaultMetrics: false });
    expect(a.counter('jobs_total', 'Jobs run', ['job'])).toBe(a.counter('jobs_total', 'Jobs run', ['job']));
    a.counter('jobs_total', 'Jobs run', ['job']).inc({ job: 'kb.import' });
    expect(await b.metrics()).not.toContain('jobs_total');
    expect(() => a.gauge('jobs_total', 'Not a gauge')).toThrow(/another type/);
    expect(() => a.counter('bad-name', 'x')).toThrow(/invalid metric name/);
  });
});
