import { type Locale, localeFromLanguage } from '../shared/locale.ts';

const zh = {
  open: '打开在线客服',
  close: '关闭对话窗口',
  title: '在线客服',
  connecting: '正在连接…',
  online: '客服在线，通常几分钟内回复',
  offline: '连接已断开，正在重连…',
  greeting: '您好！有什么可以帮您？请在下方输入您的问题。',
  placeholder: '输入消息，按 Enter 发送',
  inputLabel: '消息内容',
  send: '发送',
  sending: '发送中…',
  failed: '发送失败',
  retry: '重试',
  you: '我',
  agent: '客服',
  bot: '智能助手',
  log: '对话记录',
  unavailable: '暂时无法连接客服，请稍后再试。',
  poweredBy: '由灵犀提供支持',
};

export type WidgetText = typeof zh;

const en: WidgetText = {
  open: 'Open live chat',
  close: 'Close chat window',
  title: 'Live chat',
  connecting: 'Connecting…',
  online: 'We usually reply within a few minutes',
  offline: 'Connection lost, reconnecting…',
  greeting: 'Hello! How can we help? Type your question below.',
  placeholder: 'Type a message, Enter to send',
  inputLabel: 'Message',
  send: 'Send',
  sending: 'Sending…',
  failed: 'Not sent',
  retry: 'Retry',
  you: 'You',
  agent: 'Agent',
  bot: 'Assistant',
  log: 'Conversation',
  unavailable: 'Chat is unavailable right now. Please try again later.',
  poweredBy: 'Powered by Lingxi',
};

export function widgetText(language: string | undefined): { locale: Locale; text: WidgetText } {
  const locale = localeFromLanguage(language);
  return { locale, text: locale === 'en' ? en : zh };
}
