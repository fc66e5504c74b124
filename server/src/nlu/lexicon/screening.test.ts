import { describe, expect, it } from 'vitest';
import { namesIn } from './test-names.ts';

// The screening rule of index.ts, as sentences: ordinary customer-service messages (orders, refunds, delivery,
// accounts, phones and broadband, banking, complaints) name nothing the lexicons type, so none may match an entry.
// A match here is an everyday word listed as a name: take it out of its list (or, when the word really is of the
// type in any sentence, write a sentence that does not use it).
const SERVICE_MESSAGES = [
  '我的订单怎么还没发货',
  '订单一直显示待付款怎么办',
  '怎么取消订单',
  '订单号在哪里查看',
  '下单后可以修改收货地址吗',
  '我想申请退款',
  '退款多久能到账',
  '钱退回原来的支付账户还是银行卡',
  '为什么退款被拒绝了',
  '商品已经开封了还能退货吗',
  '七天无理由退货怎么操作',
  '退货运费谁来承担',
  '换货需要寄回原来的包装吗',
  '快递到哪了',
  '物流三天没有更新了',
  '快递员说放在驿站了但我没收到',
  '包裹显示已签收但是我没拿到',
  '能不能送货上门',
  '配送时间可以选吗',
  '我忘记登录密码了',
  '账号被冻结了怎么解冻',
  '怎么换绑手机号',
  '收不到验证码',
  '怎么注销账户',
  '会员到期了怎么续费',
  '手机充不进电',
  '手机发热很厉害',
  '屏幕碎了换一个要多少钱',
  '宽带一直掉线',
  '话费怎么充值',
  '流量用完了怎么办',
  '套餐怎么变更',
  '信号很差打不了电话',
  '信用卡额度怎么提升',
  '银行卡丢了怎么挂失',
  '转账失败但钱被扣了',
  '手机银行登录不上',
  '网上银行怎么注册',
  '贷款利率是多少',
  '还款日可以推迟吗',
  '公积金怎么提取',
  '遇到电信诈骗怎么处理',
  '我要投诉你们的客服',
  '你们的服务太差了',
  '等了半个小时没人回复',
  '我要找你们的经理',
  '这个问题什么时候能解决',
  '发票怎么开',
  '能开专票吗',
  '优惠券为什么用不了',
  '积分可以抵现吗',
  '价格保护怎么申请',
  '这张也不行',
  '那英文版呢',
  '你说的有道理',
  '其他都挺好就是物流慢',
  '实话实说你们的质量不行',
  '金额伍佰元整',
  '你的名字是什么',
  '我的快递去哪儿了',
];

// Sentences a review found typed wrongly (无线 as a TV channel, 越狱 and 潜伏 as series, 相机 and 相册 as apps…).
const REVIEWED = [
  '无线网络连不上',
  '手机越狱了还能保修吗',
  '订单一直潜伏着',
  '相机打不开',
  '手机相册里的照片丢了',
  '联通宽带怎么退订',
  '电信营业厅几点关门',
  '我要投诉你们的广播',
  '网盘会员怎么退款',
  '雷神笔记本蓝屏',
  '云朵一样的沙发',
  '天快黎明了',
  '刚苏醒过来',
];

// Sentences of the second review: a name read across two words (行李白天 holds 李白), which matching on jieba's
// word boundaries rules out (lexicon/in-words.ts), and everyday words that were listed as names.
const ACROSS_WORDS = [
  '行李白天',
  '大陆游客',
  '身高适合',
  '过于谦虚',
  '社保网上',
  '上网易掉线',
  '校内网络',
  '开心网速',
  '不同程度',
  '采光良好',
  '产品冠军',
  '钉钉子',
  '一百度',
];
const EVERYDAY_WORDS = [
  '这里面有猫腻',
  '这事有点猫腻',
  '耳根子软',
  '才三毛钱',
  '送了一瓶古龙水',
  '被马蜂窝蛰了',
  '骑小毛驴上班',
  '她笑起来有小酒窝',
  '地里种的红高粱',
  '他跳一跳就够到了',
  '上门赘婿',
  '海里有大白鲨',
  '门口种了一棵橄榄树',
  '天上的小星星',
  '屋檐下的小燕子',
  '笨小孩也能学会吗',
  '我们都是老男孩',
  '抽中一个小幸运',
  '乌云遮天',
  '我的世界里只有工作',
  '买一瓶古龙香水',
  '才三毛五',
  '北岛自驾好玩吗',
  '年过花甲',
  '才八角钱',
  '长了一颗虎牙',
  '先去探探路',
  '我只在乎你能不能退款',
  '富士山下的酒店',
];

describe('built-in lexicon screening', () => {
  it('finds no name in ordinary customer-service messages', () => {
    expect(SERVICE_MESSAGES.length).toBeGreaterThanOrEqual(60);
    expect(SERVICE_MESSAGES.flatMap(namesIn)).toEqual([]);
  });

  it('finds no name in the sentences the review found typed wrongly', () => {
    expect(REVIEWED.flatMap(namesIn)).toEqual([]);
  });

  it('finds no name read across two words of the second review', () => {
    expect(ACROSS_WORDS.flatMap(namesIn)).toEqual([]);
  });

  it('finds no name in the everyday words the second review found listed', () => {
    expect(EVERYDAY_WORDS.flatMap(namesIn)).toEqual([]);
  });

  it('still finds a name that lines up with words, even one jieba splits', () => {
    expect(['行李什么时候送到', '李白的诗', '播放琅琊榜'].flatMap(namesIn)).toEqual(['李白=poet', '琅琊榜=tv_series']);
  });

  it('types board and card games as games, not apps', () => {
    expect(['麻将', '象棋', '围棋'].flatMap(namesIn)).toEqual(['麻将=game', '象棋=game', '围棋=game']);
  });

  it('reads 晋江 as the place it is, the website only by its full name', () => {
    expect(['晋江', '晋江文学城'].flatMap(namesIn)).toEqual(['晋江=place', '晋江文学城=website']);
  });
});
