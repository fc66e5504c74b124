import type { Bilingual, Locale } from './schema.ts';

/** Everything the bot says on its own (flows bring their own texts), in zh-CN and en. */
export const TEXTS = {
  greeting: { zh: '您好！我是智能助手小犀，请问有什么可以帮您？', en: "Hello! I'm the assistant. How can I help you?" },
  thanks: { zh: '不客气，很高兴能帮到您！还有其他问题吗？', en: "You're welcome, glad I could help! Anything else?" },
  goodbye: { zh: '感谢您的咨询，祝您生活愉快，再见！', en: 'Thank you for contacting us. Have a nice day, goodbye!' },
  fallback: {
    zh: '抱歉，我没有理解您的意思。您可以换个说法，或者选择下面的常见问题。',
    en: "Sorry, I didn't get that. Could you rephrase it, or pick one of the topics below?",
  },
  clarify: { zh: '您想问的是下面哪一个？', en: 'Which of these did you mean?' },
  noneOfThese: { zh: '都不是', en: 'None of these' },
  talkToPerson: { zh: '转人工', en: 'Talk to a person' },
  handoffOnline: {
    zh: '正在为您转接人工客服（{{team}}），请稍候。您目前排在第 {{position}} 位，预计等待约 {{minutes}} 分钟。',
    en: "I'm connecting you with an agent ({{team}}). You are number {{position}} in line; the estimated wait is about {{minutes}} min.",
  },
  handoffNobodyOnline: {
    zh: '抱歉，现在没有客服在线。您可以留言，我们会尽快回复；也可以预约回电，或继续排队等待。',
    en: 'Sorry, no agent is online right now. You can leave a message and we will reply soon, ask for a call back, or keep waiting in the queue.',
  },
  handoffStayQueued: {
    zh: '现在没有客服在线，您已在队列中（第 {{position}} 位），客服上线后会第一时间回复您。',
    en: 'No agent is online right now. You are in the queue (number {{position}}); an agent will answer as soon as one is available.',
  },
  leaveMessage: { zh: '留言', en: 'Leave a message' },
  callback: { zh: '预约回电', en: 'Call me back' },
  keepWaiting: { zh: '继续等待', en: 'Keep waiting' },
  leaveMessagePrompt: {
    zh: '请直接输入您的留言（问题和联系方式），我们会尽快处理。',
    en: 'Please type your message (your question and how to reach you); we will get back to you soon.',
  },
  callbackPrompt: {
    zh: '请留下您的电话号码和方便接听的时间，我们会给您回电。',
    en: 'Please leave your phone number and a good time to call; we will call you back.',
  },
  messageTaken: {
    zh: '已收到您的留言，工单号 {{ticket}}。客服上线后会尽快联系您。',
    en: 'Your message has been recorded (ticket {{ticket}}). An agent will contact you as soon as possible.',
  },
  keepWaitingOk: { zh: '好的，您仍在队列中，请稍候。', en: 'All right, you stay in the queue. Please wait a moment.' },
  flood: {
    zh: '您发送消息太快了，我会按顺序阅读您的每一条消息，请稍等片刻再继续。',
    en: "You're sending messages very quickly. I'll read every one of them in order; please wait a moment before continuing.",
  },
  empathy: {
    zh: '非常抱歉给您带来了不好的体验，我完全理解您的心情。我会尽快帮您处理。',
    en: "I'm very sorry for the trouble, and I understand how frustrating this is. I'll help you sort it out right away.",
  },
  yes: { zh: '是的', en: 'Yes' },
  no: { zh: '不是', en: 'No' },
  flowCancelled: {
    zh: '好的，已取消。还有什么可以帮您？',
    en: 'OK, cancelled. Is there anything else I can help with?',
  },
  flowGaveUp: {
    zh: '抱歉，我没能帮您完成这一步，我为您转接人工客服。',
    en: "Sorry, I couldn't complete this for you. Let me connect you with an agent.",
  },
  flowResume: { zh: '我们继续办理「{{flow}}」：', en: 'Back to “{{flow}}”: ' },
  offerFlow: { zh: '您是想办理下面的业务吗？', en: 'Is this what you would like to do?' },
  confirmYesNo: { zh: '请回复“是”或“不是”。', en: 'Please answer "yes" or "no".' },
  handedBack: {
    zh: '客服已将对话交还给智能助手，有需要随时叫我。',
    en: 'The agent handed you back to the assistant. Just ask if you need anything.',
  },
} as const satisfies Record<string, Bilingual>;

/** Picks the language and fills `{{name}}` placeholders. Values are inserted as plain text. */
export function say(text: Bilingual, locale: Locale, values?: Record<string, string | number>): string {
  // Without values the placeholders stay, for the caller to fill with what it knows (slots, the API's answer).
  return values ? fill(text[locale], values) : text[locale];
}

export function fill(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{\{\s*([a-zA-Z0-9_.]+)\s*\}\}/g, (_, path: string) => {
    const value = lookup(values, path);
    return value === undefined || value === null ? '' : String(value);
  });
}

/** Reads `a.b.c` from a nested object; undefined when any step is missing. */
export function lookup(values: unknown, path: string): unknown {
  let current: unknown = values;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
