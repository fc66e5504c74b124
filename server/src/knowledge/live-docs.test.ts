import { describe, expect, it } from 'vitest';
import { searchDocsOf, toLiveArticle } from './live-docs.ts';
import { questionDoc } from './search/question-doc.ts';

const FIELDS = Object.keys(questionDoc('x', 'x'));

function live(kind: 'faq' | 'document', content: Record<string, unknown>) {
  return toLiveArticle({ id: 'a1', kind, language: 'zh', version: 2, content: JSON.stringify(content) });
}

describe('search docs of a live article', () => {
  it('gives a faq one doc with its questions, answer text and filters', () => {
    const article = live('faq', {
      title: '怎么退款',
      alternates: ['退款流程'],
      answer: '<p>原路退回</p>',
      categoryId: 'after-sales',
      tags: ['refund'],
      channels: ['web'],
      effectiveFrom: 1,
      effectiveTo: 2,
    });
    expect(searchDocsOf(article)).toEqual([
      {
        id: 'a1',
        articleId: 'a1',
        kind: 'faq',
        language: 'zh',
        title: '怎么退款',
        alternates: ['退款流程'],
        body: '原路退回',
        categoryId: 'after-sales',
        tags: ['refund'],
        channels: ['web'],
        effectiveFrom: 1,
        effectiveTo: 2,
      },
    ]);
  });

  it('gives a document one doc per passage, titled with the document title and the heading', () => {
    const article = live('document', {
      title: '退货政策',
      body: '七天无理由退货。\n\n## 运费\n\n质量问题运费由商家承担。',
    });
    const docs = searchDocsOf(article);
    expect(docs.length).toBe(article.passages.length);
    expect(docs.map((d) => [d.id, d.kind, d.articleId])).toEqual(
      article.passages.map((p) => [`a1#${p.no}`, 'passage', 'a1']),
    );
    expect(docs.some((d) => d.title === '退货政策 › 运费')).toBe(true);
  });

  it('builds every doc with the same fields in the same order (one hidden class in the index)', () => {
    const faq = searchDocsOf(live('faq', { title: '怎么退款', answer: '原路退回' }));
    const passages = searchDocsOf(
      live('document', { title: '退货政策', body: '七天无理由退货。\n\n## 运费\n\n商家承担。' }),
    );
    for (const doc of [...faq, ...passages]) expect(Object.keys(doc)).toEqual(FIELDS);
  });
});
