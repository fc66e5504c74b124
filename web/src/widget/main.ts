import { WidgetApi } from './api.ts';
import { WidgetController } from './controller.ts';
import { widgetText } from './i18n.ts';
import { WidgetView } from './view.ts';

/**
 * Entry of /widget.js: `<script src="https://lingxi.example/widget.js" data-workspace-key="wk_…" async>`.
 * The API is the server the script came from, so the host page can live on any domain.
 */
function boot(script: HTMLScriptElement | null): void {
  const workspaceKey = script?.dataset.workspaceKey;
  if (!script || !workspaceKey) {
    console.error('[lingxi] widget.js needs a data-workspace-key attribute on its <script> tag');
    return;
  }
  if (document.getElementById('lingxi-widget')) return; // the snippet was pasted twice
  const origin = new URL(script.src, location.href).origin;
  const { locale, text } = widgetText(navigator.language);
  const api = new WidgetApi(origin, workspaceKey, locale);
  let controller: WidgetController | undefined;
  const view = new WidgetView(text, locale, {
    onToggle: (open) => controller?.toggle(open),
    onSend: (message) => controller?.send(message),
    onRetry: (clientMessageId) => controller?.retry(clientMessageId),
    onSurvey: async (answer) => controller?.submitSurvey(answer),
  });
  view.mount();
  controller = new WidgetController(api, view, text, workspaceKey);
}

// currentScript is only set while this file runs, so read it now, before waiting for the DOM.
const script =
  (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>('script[data-workspace-key]');
if (document.body) boot(script);
else document.addEventListener('DOMContentLoaded', () => boot(script), { once: true });
