import { describe, expect, it } from 'vitest';
import { clusterBySimilarity, overlap, questionKey, shingles } from './similarity.ts';

describe('question similarity', () => {
  it('drops fillers and normalizes width, case and script', () => {
    expect(questionKey('你好，请问怎么退款呢？')).toBe('怎么退款');
    expect(questionKey('請問怎麼退款')).toBe('怎么退款');
    expect(questionKey('Hi, how can I RESET my password, please?')).toBe('how reset password');
  });

  it('scores paraphrases above unrelated questions', () => {
    const refund = shingles('怎么申请退款');
    expect(overlap(refund, shingles('申请退款怎么弄'))).toBeGreaterThan(0.5);
    expect(overlap(refund, shingles('发票怎么开'))).toBeLessThan(0.3);
    expect(overlap(shingles('How do I reset my password?'), shingles('reset password how'))).toBe(1);
  });

  it('clusters near-duplicates together', () => {
    const questions = [
      '怎么申请退款',
      '申请退款怎么操作',
      '发票怎么开',
      '怎么开发票',
      'How to reset password',
      'reset my password please',
    ];
    const clusters = clusterBySimilarity(questions, shingles, 0.4);
    expect(clusters).toEqual([
      ['怎么申请退款', '申请退款怎么操作'],
      ['发票怎么开', '怎么开发票'],
      ['How to reset password', 'reset my password please'],
    ]);
  });
});
