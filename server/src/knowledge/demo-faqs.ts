/**
 * The demo shop's help centre (灵犀演示商城): bilingual FAQ entries, each with the ways customers really ask.
 * Demo content only — a real workspace imports its own.
 */
export interface DemoCategory {
  key: string;
  parent: string | null;
  zh: string;
  en: string;
}

export interface DemoFaq {
  category: string;
  tags: string[];
  zh: { q: string; similar: string[]; a: string };
  en: { q: string; similar: string[]; a: string };
}

export const DEMO_CATEGORIES: DemoCategory[] = [
  { key: 'presales', parent: null, zh: '售前', en: 'Before you buy' },
  { key: 'aftersales', parent: null, zh: '售后', en: 'After-sales' },
  { key: 'account', parent: null, zh: '账户', en: 'Account' },
  { key: 'shipping', parent: 'presales', zh: '物流配送', en: 'Shipping' },
  { key: 'payment', parent: 'presales', zh: '支付', en: 'Payment' },
  { key: 'returns', parent: 'aftersales', zh: '退货退款', en: 'Returns & refunds' },
  { key: 'invoices', parent: 'aftersales', zh: '发票', en: 'Invoices' },
  { key: 'warranty', parent: 'aftersales', zh: '保修', en: 'Warranty' },
];

export const DEMO_FAQS: DemoFaq[] = [
  {
    category: 'shipping',
    tags: ['物流', 'shipping'],
    zh: {
      q: '下单后多久发货？',
      similar: ['什么时候发货', '几天能发货', '怎么还没发货', '付款后多久发出'],
      a: '<p>现货商品在付款后 <b>48 小时内</b>发货；预售商品以商品页标注的发货时间为准。</p>',
    },
    en: {
      q: 'How soon will my order ship?',
      similar: ['When will you ship my order', 'Why has my order not shipped yet', 'How long until dispatch'],
      a: '<p>In-stock items ship within <b>48 hours</b> of payment; pre-orders ship on the date shown on the product page.</p>',
    },
  },
  {
    category: 'shipping',
    tags: ['物流', 'shipping'],
    zh: {
      q: '怎么查询物流进度？',
      similar: ['快递到哪了', '查快递', '物流单号在哪里看', '包裹现在在哪'],
      a: '<p>打开“我的订单”，点击订单里的“查看物流”即可看到快递公司、运单号和实时轨迹。</p>',
    },
    en: {
      q: 'How do I track my parcel?',
      similar: ['Where is my package', 'Where can I find the tracking number', 'Track my order'],
      a: '<p>Open <b>My orders</b> and tap <b>Track</b> on the order to see the carrier, tracking number and live status.</p>',
    },
  },
  {
    category: 'shipping',
    tags: ['物流', '运费', 'shipping'],
    zh: {
      q: '运费怎么算？',
      similar: ['包邮吗', '满多少包邮', '邮费多少钱', '为什么要收运费'],
      a: '<p>订单满 <b>99 元</b>包邮；不满 99 元收取 8 元运费。偏远地区（新疆、西藏等）另有说明。</p>',
    },
    en: {
      q: 'How much is shipping?',
      similar: ['Is shipping free', 'Do you offer free delivery', 'What are the delivery charges'],
      a: '<p>Shipping is free on orders over <b>¥99</b>; smaller orders pay ¥8. Remote regions have their own rates.</p>',
    },
  },
  {
    category: 'shipping',
    tags: ['物流', '地址', 'shipping'],
    zh: {
      q: '下单后可以修改收货地址吗？',
      similar: ['地址填错了怎么办', '怎么改地址', '想换个收货地址', '收货人写错了'],
      a: '<p>订单发货前可在订单详情页点击“修改地址”；已发货的订单请联系客服协助拦截改派。</p>',
    },
    en: {
      q: 'Can I change the delivery address after ordering?',
      similar: ['I entered the wrong address', 'How do I update my shipping address', 'Change the recipient'],
      a: '<p>Before the order ships, use <b>Change address</b> on the order page; after it ships, contact us and we will ask the carrier to reroute.</p>',
    },
  },
  {
    category: 'returns',
    tags: ['退货', '退款', 'returns'],
    zh: {
      q: '支持七天无理由退货吗？',
      similar: ['不想要了能退吗', '可以退货吗', '七天内能退吗', '无理由退换'],
      a: '<p>签收后 <b>7 天内</b>、商品完好且不影响二次销售的，支持无理由退货。定制商品和已拆封的贴身用品除外。</p>',
    },
    en: {
      q: 'Can I return an item within 7 days for any reason?',
      similar: ['I changed my mind, can I return it', 'What is your return policy', 'Can I send it back'],
      a: '<p>Yes: within <b>7 days</b> of delivery, if the item is unused and resaleable. Custom-made items and opened personal-care items are excluded.</p>',
    },
  },
  {
    category: 'returns',
    tags: ['退款', 'refunds'],
    zh: {
      q: '退款多久能到账？',
      similar: ['钱什么时候退回来', '退款几天到账', '退款怎么还没到', '退的钱去哪了'],
      a: '<p>仓库收到退货并审核通过后，退款 <b>1-3 个工作日</b>原路退回；信用卡以发卡行入账时间为准。</p>',
    },
    en: {
      q: 'How long does a refund take?',
      similar: ['When will I get my money back', 'My refund has not arrived', 'Refund processing time'],
      a: '<p>Once the warehouse receives and checks the return, the refund goes back to your original payment method within <b>1–3 business days</b>.</p>',
    },
  },
  {
    category: 'returns',
    tags: ['退货', '运费', 'returns'],
    zh: {
      q: '退货运费谁承担？',
      similar: ['退货要自己出邮费吗', '退回的运费谁付', '质量问题退货运费', '退货包邮吗'],
      a: '<p>商品质量问题或发错货，退货运费由我们承担；无理由退货的运费由买家承担。</p>',
    },
    en: {
      q: 'Who pays for return shipping?',
      similar: ['Do I pay postage to return an item', 'Is return shipping free', 'Return label cost'],
      a: '<p>We pay return shipping for faulty or wrong items; for change-of-mind returns the customer pays.</p>',
    },
  },
  {
    category: 'returns',
    tags: ['退货', '换货', 'returns'],
    zh: {
      q: '怎么申请退货或换货？',
      similar: ['退货流程是什么', '在哪里申请退货', '换个尺码怎么操作', '想换货'],
      a: '<p>在“我的订单”中选择商品，点击“申请售后”，选择退货或换货并填写原因，审核通过后按提示寄回。</p>',
    },
    en: {
      q: 'How do I request a return or exchange?',
      similar: ['How do returns work', 'I want a different size', 'Where do I start a return'],
      a: '<p>In <b>My orders</b>, choose the item, tap <b>After-sales</b>, pick return or exchange and give a reason; once approved, ship it back as instructed.</p>',
    },
  },
  {
    category: 'invoices',
    tags: ['发票', 'invoice'],
    zh: {
      q: '怎么开发票？',
      similar: ['可以开发票吗', '在哪里申请发票', '要发票怎么弄', '开票'],
      a: '<p>在订单详情页点击“申请发票”，填写抬头和税号，电子发票会在 <b>1 个工作日内</b>发到您的邮箱。</p>',
    },
    en: {
      q: 'How do I get an invoice?',
      similar: ['Can you issue an invoice', 'Where do I request a receipt', 'I need a VAT invoice'],
      a: '<p>Tap <b>Request invoice</b> on the order page and enter the billing name and tax ID; the e-invoice reaches your e-mail within <b>1 business day</b>.</p>',
    },
  },
  {
    category: 'invoices',
    tags: ['发票', 'invoice'],
    zh: {
      q: '能开增值税专用发票吗？',
      similar: ['可以开专票吗', '专票怎么开', '公司报销要专用发票'],
      a: '<p>可以。申请发票时选择“增值税专用发票”，并上传营业执照信息和开户行账号。</p>',
    },
    en: {
      q: 'Can you issue a special VAT invoice?',
      similar: ['Do you provide VAT special invoices', 'Company invoice for tax deduction'],
      a: '<p>Yes. Choose <b>Special VAT invoice</b> when requesting it and provide your business licence details and bank account.</p>',
    },
  },
  {
    category: 'invoices',
    tags: ['发票', 'invoice'],
    zh: {
      q: '发票信息填错了可以重开吗？',
      similar: ['发票抬头写错了', '税号填错了怎么办', '发票能作废重开吗'],
      a: '<p>开票后 30 天内可在订单页申请“发票重开”，原发票将作废，新发票 1 个工作日内送达。</p>',
    },
    en: {
      q: 'Can an invoice with wrong details be reissued?',
      similar: ['The invoice has the wrong company name', 'Wrong tax ID on my invoice'],
      a: '<p>Within 30 days, request <b>Reissue invoice</b> on the order page; the old one is voided and the new one arrives within 1 business day.</p>',
    },
  },
  {
    category: 'payment',
    tags: ['支付', 'payment'],
    zh: {
      q: '支持哪些支付方式？',
      similar: ['可以用微信支付吗', '能用支付宝吗', '支持信用卡吗', '怎么付款'],
      a: '<p>支持微信支付、支付宝、银联卡和 Visa / Mastercard 信用卡。</p>',
    },
    en: {
      q: 'Which payment methods do you accept?',
      similar: ['Can I pay by credit card', 'Do you take Alipay or WeChat Pay', 'How can I pay'],
      a: '<p>We accept WeChat Pay, Alipay, UnionPay cards and Visa / Mastercard credit cards.</p>',
    },
  },
  {
    category: 'payment',
    tags: ['支付', 'payment'],
    zh: {
      q: '付款失败怎么办？',
      similar: ['支付不成功', '付不了款', '扣款了但订单显示未付款', '支付一直失败'],
      a: '<p>请检查余额和限额后重试。如已扣款但订单未付款，款项会在 <b>24 小时内</b>自动退回，无需重复付款。</p>',
    },
    en: {
      q: 'What if my payment fails?',
      similar: ['Payment did not go through', 'I was charged but the order is unpaid', 'Card declined'],
      a: '<p>Check your balance and limits, then retry. If you were charged but the order shows unpaid, the money returns automatically within <b>24 hours</b>.</p>',
    },
  },
  {
    category: 'payment',
    tags: ['支付', '分期', 'payment'],
    zh: {
      q: '可以分期付款吗？',
      similar: ['支持分期吗', '花呗分期', '信用卡分期免息吗'],
      a: '<p>单笔满 600 元可使用花呗或信用卡分期，3 期和 6 期免息，具体以支付页显示为准。</p>',
    },
    en: {
      q: 'Can I pay in instalments?',
      similar: ['Do you offer installment plans', 'Interest-free payments'],
      a: '<p>Orders over ¥600 can be split into 3 or 6 interest-free instalments with Huabei or a credit card, as shown at checkout.</p>',
    },
  },
  {
    category: 'account',
    tags: ['账户', 'account'],
    zh: {
      q: '忘记密码怎么办？',
      similar: ['密码忘了', '登录不上去', '怎么重置密码', '找回密码'],
      a: '<p>在登录页点击“忘记密码”，通过绑定的手机号或邮箱接收验证码后即可设置新密码。</p>',
    },
    en: {
      q: 'I forgot my password. What should I do?',
      similar: ['How do I reset my password', 'I cannot log in', 'Recover my account'],
      a: '<p>Tap <b>Forgot password</b> on the sign-in page, enter the code sent to your phone or e-mail, and choose a new password.</p>',
    },
  },
  {
    category: 'account',
    tags: ['账户', 'account'],
    zh: {
      q: '怎么更换绑定的手机号？',
      similar: ['换手机号了', '修改手机号码', '旧手机号不用了'],
      a: '<p>进入“账户设置 → 安全中心 → 手机号”，验证身份后绑定新号码；旧号码已停用的请联系客服人工核验。</p>',
    },
    en: {
      q: 'How do I change my phone number?',
      similar: ['Update my mobile number', 'I have a new phone number'],
      a: '<p>Go to <b>Account settings → Security → Phone</b>, verify your identity and add the new number; if the old number no longer works, contact us.</p>',
    },
  },
  {
    category: 'account',
    tags: ['账户', '会员', 'account'],
    zh: {
      q: '会员积分怎么使用？',
      similar: ['积分能抵钱吗', '积分怎么兑换', '积分有什么用', '积分会过期吗'],
      a: '<p>每 100 积分可抵扣 1 元，结算时勾选“使用积分”即可；积分有效期为获得后的 12 个月。</p>',
    },
    en: {
      q: 'How do I use my reward points?',
      similar: ['Can points pay for my order', 'Do points expire', 'Redeem points'],
      a: '<p>Every 100 points is worth ¥1: tick <b>Use points</b> at checkout. Points expire 12 months after they are earned.</p>',
    },
  },
  {
    category: 'warranty',
    tags: ['保修', 'warranty'],
    zh: {
      q: '商品保修多久？',
      similar: ['保修期多长', '有质保吗', '坏了能保修吗', '质保几年'],
      a: '<p>电子产品整机保修 <b>1 年</b>，主要部件保修 2 年；保修期自签收之日起计算。</p>',
    },
    en: {
      q: 'How long is the warranty?',
      similar: ['Is there a warranty', 'What does the guarantee cover', 'Warranty period'],
      a: '<p>Electronics carry a <b>1-year</b> warranty, 2 years on main components, counted from the delivery date.</p>',
    },
  },
  {
    category: 'warranty',
    tags: ['保修', '维修', 'warranty'],
    zh: {
      q: '怎么申请保修维修？',
      similar: ['东西坏了去哪修', '保修流程', '申请维修', '寄修怎么操作'],
      a: '<p>在订单中点击“申请售后 → 维修”，描述故障并上传照片；审核后我们提供上门取件，修好后免费寄回。</p>',
    },
    en: {
      q: 'How do I make a warranty claim?',
      similar: ['My item is broken', 'How do I get it repaired', 'Warranty repair process'],
      a: '<p>On the order, tap <b>After-sales → Repair</b>, describe the fault and add photos; once approved we collect it and ship it back repaired, free.</p>',
    },
  },
  {
    category: 'warranty',
    tags: ['保修', 'warranty'],
    zh: {
      q: '人为损坏还能保修吗？',
      similar: ['摔坏了能保修吗', '进水了保修吗', '自己弄坏的怎么办'],
      a: '<p>人为损坏（摔落、进水、私自拆修）不在免费保修范围内，可提供付费维修，维修前会先报价。</p>',
    },
    en: {
      q: 'Does the warranty cover accidental damage?',
      similar: ['I dropped it, is it covered', 'Water damage repair'],
      a: '<p>Accidental damage (drops, liquid, unauthorised repair) is not covered; we offer paid repair with a quote first.</p>',
    },
  },
];
