import nodemailer, { type Transporter } from 'nodemailer';

/** Where alerts go beyond the console. Both optional: without SMTP, email channels record "not configured". */
export interface AlertDelivery {
  mail?: { transport: Pick<Transporter, 'sendMail'>; from: string };
  /** Injected for tests; the global fetch otherwise. */
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface DeliveryResult {
  channel: 'email' | 'webhook';
  to: string;
  ok: boolean;
  error?: string;
}

export interface AlertMessage {
  id: string;
  workspaceId: string;
  ruleId: string;
  title: string;
  body: string;
  metric: string;
  value: number | null;
  threshold: number | null;
  firedAt: number;
}

/** Sends one alert by email and to each webhook; a failing channel is recorded, never thrown, so others still go. */
export async function deliverAlert(
  delivery: AlertDelivery,
  alert: AlertMessage,
  channels: { emails: string[]; webhooks: string[] },
): Promise<DeliveryResult[]> {
  const results: DeliveryResult[] = [];
  if (channels.emails.length > 0) {
    const to = channels.emails.join(', ');
    if (!delivery.mail) {
      results.push({ channel: 'email', to, ok: false, error: 'smtp_not_configured' });
    } else {
      try {
        await delivery.mail.transport.sendMail({
          from: delivery.mail.from,
          to: channels.emails,
          subject: `[Lingxi 灵犀] ${alert.title}`,
          text: alert.body,
        });
        results.push({ channel: 'email', to, ok: true });
      } catch (error) {
        results.push({ channel: 'email', to, ok: false, error: (error as Error).message.slice(0, 300) });
      }
    }
  }
  const post = delivery.fetch ?? fetch;
  for (const url of channels.webhooks) {
    try {
      const response = await post(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Lingxi-Alerts/1' },
        body: JSON.stringify({ type: 'analytics.alert', alert }),
        signal: AbortSignal.timeout(delivery.timeoutMs ?? 5_000),
        redirect: 'manual',
      });
      results.push({
        channel: 'webhook',
        to: url,
        ok: response.ok,
        ...(response.ok ? {} : { error: `HTTP ${response.status}` }),
      });
    } catch (error) {
      results.push({ channel: 'webhook', to: url, ok: false, error: (error as Error).message.slice(0, 300) });
    }
  }
  return results;
}

/** The delivery a server uses: email when an SMTP URL is configured, console and webhooks always. */
export function mailDelivery(smtpUrl: string | undefined, from: string): AlertDelivery {
  return smtpUrl ? { mail: { transport: nodemailer.createTransport(smtpUrl), from } } : {};
}
