import type { FlowDefinition } from '../schema.ts';

/** The demo shop's flows, as a console user would write them (JSON); their actions call the demo business API. */
const ORDER_NO = {
  name: 'order_no',
  entities: ['order_number'],
  pattern: '^(SO|PO|OD|ORD)-?\\d{6,20}$',
  prompt: {
    zh: '请提供您的订单号（例如 SO20261126001）。',
    en: 'Please give me your order number (e.g. SO20261126001).',
  },
  reprompt: {
    zh: '订单号格式不对，应为 SO 开头加数字，例如 SO20261126001，请再发一次。',
    en: 'That does not look like an order number; it starts with SO followed by digits, e.g. SO20261126001. Please try again.',
  },
  maxAttempts: 3,
};

const NOT_FOUND = {
  zh: '没有找到订单 {{order_no}}，请核对订单号后再试。',
  en: 'I could not find order {{order_no}}. Please check the number and try again.',
};
const UNAVAILABLE = {
  zh: '抱歉，订单系统暂时无法处理您的请求，我为您转接人工客服。',
  en: 'Sorry, the order system cannot handle this right now. Let me connect you with an agent.',
};

export const DEMO_FLOWS: FlowDefinition[] = [
  {
    intent: 'order_status',
    name: { zh: '查询订单', en: 'Order status' },
    slots: [{ ...ORDER_NO, entities: [...ORDER_NO.entities], freeText: false, optional: false }],
    action: {
      type: 'http',
      method: 'GET',
      url: '/demo-api/orders/{{order_no}}',
      timeoutMs: 2000,
      retries: 2,
      requires: ['status'],
      success: {
        zh: '订单 {{order_no}} 当前状态：{{response.statusText.zh}}，预计 {{response.eta}} 送达。',
        en: 'Order {{order_no}} is {{response.statusText.en}}; expected delivery {{response.eta}}.',
      },
      statusReplies: { '404': NOT_FOUND },
      failure: UNAVAILABLE,
      card: {
        fields: [
          { label: { zh: '商品', en: 'Item' }, value: '{{response.item}}' },
          { label: { zh: '物流单号', en: 'Tracking' }, value: '{{response.tracking}}' },
          { label: { zh: '预计送达', en: 'ETA' }, value: '{{response.eta}}' },
        ],
      },
    },
  },
  {
    intent: 'refund_request',
    name: { zh: '申请退款', en: 'Refund request' },
    slots: [
      { ...ORDER_NO, entities: [...ORDER_NO.entities], freeText: false, optional: false },
      {
        name: 'reason',
        entities: [],
        freeText: false,
        optional: false,
        maxAttempts: 3,
        choices: [
          { value: 'quality', label: { zh: '质量问题', en: 'Quality problem' } },
          { value: 'wrong_item', label: { zh: '发错货', en: 'Wrong item' } },
          { value: 'changed_mind', label: { zh: '不想要了', en: 'Changed my mind' } },
          { value: 'other', label: { zh: '其他', en: 'Other' } },
        ],
        prompt: { zh: '请选择退款原因。', en: 'Why would you like a refund?' },
        reprompt: { zh: '请从下面的选项中选择一个退款原因。', en: 'Please pick one of the reasons below.' },
      },
    ],
    confirm: {
      zh: '确认为订单 {{order_no}} 申请退款（原因：{{reason}}）吗？',
      en: 'Shall I request a refund for order {{order_no}} (reason: {{reason}})?',
    },
    action: {
      type: 'http',
      method: 'POST',
      url: '/demo-api/refunds',
      timeoutMs: 2000,
      retries: 2,
      requires: ['refundId'],
      success: {
        zh: '退款申请已提交，退款单号 {{response.refundId}}，款项将在 {{response.days}} 个工作日内原路退回。',
        en: 'Your refund request is in (reference {{response.refundId}}); the money returns to your original payment method within {{response.days}} working days.',
      },
      statusReplies: { '404': NOT_FOUND },
      failure: UNAVAILABLE,
    },
  },
  {
    intent: 'change_address',
    name: { zh: '修改地址', en: 'Change of address' },
    slots: [
      { ...ORDER_NO, entities: [...ORDER_NO.entities], freeText: false, optional: false },
      {
        name: 'address',
        entities: [],
        freeText: true,
        optional: false,
        pattern: '^.{6,200}$',
        maxAttempts: 3,
        prompt: { zh: '请输入新的收货地址（省市区 + 详细地址）。', en: 'Please type the new delivery address.' },
        reprompt: {
          zh: '地址太短了，请输入完整的收货地址。',
          en: 'That address looks incomplete; please type the full address.',
        },
      },
    ],
    confirm: {
      zh: '确认把订单 {{order_no}} 的收货地址改为“{{address}}”吗？',
      en: 'Change the delivery address of order {{order_no}} to "{{address}}"?',
    },
    action: {
      type: 'http',
      method: 'POST',
      url: '/demo-api/orders/{{order_no}}/address',
      timeoutMs: 2000,
      retries: 2,
      requires: ['address'],
      success: {
        zh: '已将订单 {{order_no}} 的收货地址更新为：{{response.address}}。',
        en: 'The delivery address of order {{order_no}} is now: {{response.address}}.',
      },
      statusReplies: {
        '404': NOT_FOUND,
        '409': {
          zh: '订单 {{order_no}} 已经发货，无法修改地址。您可以联系快递改派，或转人工客服处理。',
          en: 'Order {{order_no}} has already shipped, so its address cannot be changed. You can ask the carrier to redirect it, or talk to a person.',
        },
      },
      failure: UNAVAILABLE,
    },
  },
  {
    intent: 'complaint',
    name: { zh: '投诉', en: 'Complaint' },
    intro: {
      zh: '非常抱歉给您带来不好的体验，我会记录您的投诉并优先转给专员处理。',
      en: "I'm sorry for the trouble. I'll record your complaint and pass it to a specialist with priority.",
    },
    slots: [
      {
        name: 'category',
        entities: [],
        freeText: false,
        optional: false,
        maxAttempts: 3,
        choices: [
          { value: 'product', label: { zh: '商品质量', en: 'Product quality' } },
          { value: 'delivery', label: { zh: '物流配送', en: 'Delivery' } },
          { value: 'service', label: { zh: '服务态度', en: 'Service' } },
          { value: 'other', label: { zh: '其他', en: 'Other' } },
        ],
        prompt: { zh: '请问您要投诉哪方面的问题？', en: 'What is your complaint about?' },
        reprompt: { zh: '请从下面的选项中选择投诉类别。', en: 'Please pick one of the categories below.' },
      },
      {
        ...ORDER_NO,
        entities: [...ORDER_NO.entities],
        freeText: false,
        optional: false,
        pattern: '^((SO|PO|OD|ORD)-?\\d{6,20}|无|没有|none|no)$',
        prompt: {
          zh: '相关的订单号是多少？没有订单请回复“无”。',
          en: 'Which order is it about? Reply "none" if there is no order.',
        },
      },
      {
        name: 'description',
        entities: [],
        freeText: true,
        optional: false,
        maxAttempts: 3,
        prompt: { zh: '请简单描述一下发生了什么。', en: 'Please describe briefly what happened.' },
        reprompt: { zh: '请描述一下具体情况。', en: 'Please describe what happened.' },
      },
    ],
    done: {
      zh: '已记录您的投诉，正在为您优先转接专员，请稍候。',
      en: 'Your complaint is recorded; I am connecting you with a specialist with priority.',
    },
    ticket: 'complaint',
    handoff: 'complaint',
  },
];
