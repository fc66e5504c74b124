// Small bilingual training sets for the intent tests (written for the tests).
import type { IntentExample } from './types.ts';

const zh: Record<string, string[]> = {
  refund: [
    '我要退款',
    '怎么申请退款',
    '退钱给我',
    '能退款吗',
    '申请退货退款',
    '这个订单我想退款',
    '退款多久到账',
    '帮我把钱退回来',
  ],
  track: [
    '我的快递到哪了',
    '查一下物流',
    '包裹什么时候到',
    '订单发货了吗',
    '物流信息怎么看',
    '快递一直没更新',
    '帮我查查我的包裹',
    '什么时候能送到',
  ],
  invoice: [
    '怎么开发票',
    '我要开增值税发票',
    '发票抬头写错了',
    '能补开发票吗',
    '电子发票在哪里下载',
    '发票什么时候寄出',
    '开个公司发票',
    '发票信息修改',
  ],
  password: [
    '忘记密码了',
    '怎么重置密码',
    '密码登录不上',
    '修改登录密码',
    '账号密码错误',
    '找回密码',
    '密码被锁了怎么办',
    '我想换个密码',
  ],
};

const en: Record<string, string[]> = {
  refund: [
    'I want a refund',
    'how do I get my money back',
    'refund my order please',
    'can I return this for a refund',
    'when will my refund arrive',
    'I was charged twice, refund me',
    'request a refund',
    'give me my money back',
  ],
  track: [
    'where is my package',
    'track my order',
    'has my order shipped',
    'when will my parcel arrive',
    'my delivery is late',
    'tracking number for my order',
    'is my package on the way',
    'shipping status please',
  ],
  password: [
    'I forgot my password',
    'reset my password',
    'cannot log in to my account',
    'change my password',
    'my account is locked',
    'password reset link not working',
    'how to recover my password',
    'update login password',
  ],
};

function rows(sets: Record<string, string[]>): IntentExample[] {
  return Object.entries(sets).flatMap(([intent, texts]) => texts.map((text) => ({ text, intent })));
}

export const ZH_EXAMPLES = rows(zh);
export const EN_EXAMPLES = rows(en);
