import { describe, expect, it } from 'vitest';
import { GENERAL_SYNONYMS } from './general-synonyms.ts';
import { questionDoc } from './question-doc.ts';
import { createSearchIndex } from './search-index.ts';
import { SynonymTable } from './synonyms.ts';

const top = (entries: string[], query: string) => {
  const idx = createSearchIndex();
  entries.forEach((text, i) => {
    idx.upsert(questionDoc(`e${i}`, text));
  });
  return idx.search(query)[0]?.docId;
};

describe('general paraphrase sets of everyday written questions', () => {
  // the near-duplicate that shares the query's other words is listed first: without the set it would win the tie
  it('equates words that ask the same thing in any context (截屏 = 截图, 头痛 = 头疼)', () => {
    expect(top(['苹果手机怎么录屏', '苹果手机怎么截图'], '苹果手机怎么截屏')).toBe('e1');
    expect(top(['牙疼吃什么药', '头疼吃什么药'], '头痛吃什么药')).toBe('e1');
  });

  // Members dropped in review (issue 4): they equated words that ask different things, or fired inside a longer word.
  // Each row: [dropped member, query, its right entry, the near-duplicate the member used to pull to the top].
  // With the member in its set every near-duplicate here won (most at confidence 0.84-0.95).
  const rankings: [string, string, string, string][] = [
    ['多大 (size, not age)', '地球有多大', '地球的面积有多大', '地球有几岁了'],
    ['多长 (length, not distance)', '长城多长', '长城的长度是多少', '北京到长城有多远'],
    ['多少米', '这栋楼高多少米', '这栋楼有几层高', '这栋楼离地铁站多远'],
    ['片子 (拍片子 is an X-ray)', '拍片子多少钱', '医院拍x光片多少钱', '拍电影需要多少钱'],
    ['太太 (inside 老太太)', '老太太摔倒了怎么办', '老太太跌倒了怎么处理', '老婆摔倒了怎么办'],
    ['关上 (inside 机关上班)', '在机关上班累不累', '机关单位上班累吗', '关掉空调上班累不累'],
    ['怎么理解 (not only a meaning)', '怎么理解孩子的叛逆', '孩子叛逆了怎么沟通', '孩子的叛逆是什么意思'],
    ['启动 (启动资金)', '创业启动资金需要多少', '创业的启动资金要准备多少', '创业开机资金需要多少'],
    ['开机 (a film starts shooting)', '电影开机仪式怎么办', '电影开拍仪式怎么办', '电影启动仪式怎么办'],
    ['启用 (enable, not open)', '新手机卡怎么启用', '新手机卡怎么激活', '新手机壳怎么打开'],
    ['笔记本 (a paper notebook)', '笔记本电脑多少钱', '笔记本电脑一台多少钱', '笔记本多少钱'],
    ['老公 (inside 老公公)', '老公公生病了怎么办', '公公生病了怎么照顾', '丈夫生病了怎么办'],
    ['小车 (a trolley)', '超市小车怎么推', '超市小车怎么用', '超市门口的汽车怎么推'],
    ['轿车 (one kind of 汽车)', '轿车和越野车哪个好', '轿车与越野车比哪个好', '汽车和越野车哪个好'],
    ['便宜 (inside 占便宜)', '被人占便宜怎么办', '被人占了便宜怎么处理', '被人占实惠怎么办'],
  ];
  it.each(rankings)('without %s the near-duplicate does not win', (_member, query, right, near) => {
    expect(top([near, right], query)).toBe('e1');
  });

  // Where both entries share the query's words, ranking alone does not show the member; what it expanded does.
  const table = new SynonymTable(GENERAL_SYNONYMS);
  const expansions: [string, string, string][] = [
    ['多远 (distance, not length)', '月亮离地球多远', '多长'],
    ['多少公里', '这辆车开了多少公里', '多长'],
    ['媳妇 (inside 儿媳妇)', '儿媳妇的妈妈叫什么', '老婆'],
    ['宝宝 (inside 淘宝宝贝)', '淘宝宝贝怎么上架', '婴儿'],
    ['清除 (清除湿气)', '怎么清除体内湿气', '删除'],
    ['孩子 (inside 女孩子)', '女孩子喜欢什么礼物', '儿童'],
    ['老婆 (inside 老婆婆)', '老婆婆走路不稳怎么办', '妻子'],
    ['妻子 (inside 夫妻子女)', '夫妻子女要不要分开住', '老婆'],
    ['丈夫 (inside 大丈夫)', '大丈夫能屈能伸什么意思', '老公'],
    ['几岁 (inside 十几岁)', '十几岁的孩子能上学吗', '多少岁'],
    ['几号 (inside 几号线)', '去机场坐几号线', '什么时候'],
    ['能 (inside 功能)', '这个功能收费吗', '可以'],
    ['不了 (inside 不了解)', '不了解产品怎么办', '无法'],
    ['没到 (inside 没到期)', '会员还没到期能退吗', '没收到'],
    ['发出 (发出声音)', '冰箱发出响声', '发货'],
    ['人工 (inside 人工智能)', '人工智能是什么', '客服'],
    ['券 (inside 证券)', '证券账户怎么开', '优惠券'],
    ['方式 (inside 联系方式)', '联系方式在哪里看', '流程'],
    ['办 (inside 办公室)', '办公室在几楼', '申请'],
    ['手续 (inside 手续费)', '分期手续费多少', '流程'],
  ];
  it.each(expansions)('without %s the query is not expanded to the other word', (_member, query, other) => {
    const alternatives = table.expand(query).flatMap((e) => e.alternatives);
    expect(alternatives).not.toContain(other);
  });

  // 怎么办 (what to do) must not be read in 怎么办理 (how to apply): 办理 = 申请 is one of the commonest service words.
  // The ranking is not asserted: 信用卡丢了怎么处理 shares six of the query's seven characters (理 too) and still ranks
  // first, though at 0.17 instead of 0.39 (信用卡怎么申请: 0.01 -> 0.10).
  it('reads 怎么办理 as 怎么 + 办理, not 怎么办 + 理', () => {
    const idx = createSearchIndex();
    idx.upsert(questionDoc('lost', '信用卡丢了怎么处理'));
    idx.upsert(questionDoc('apply', '信用卡怎么申请'));
    const viaSynonym = (id: string) =>
      idx
        .search('怎么办理信用卡')
        .find((h) => h.docId === id)
        ?.matched.filter((m) => m.via === 'synonym')
        .map((m) => m.term);
    expect(viaSynonym('apply')).toContain('申请');
    expect(viaSynonym('lost')).toEqual([]);
    const members = table.expand('怎么办理信用卡').map((e) => e.member);
    expect(members).toContain('办理');
    expect(members).not.toContain('怎么办');
    expect(table.expand('信用卡丢了怎么办').map((e) => e.member)).toContain('怎么办');
  });
});
