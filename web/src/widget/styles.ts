/** The widget's only stylesheet, injected into its shadow root so the host page and the widget never restyle each other. */
export const WIDGET_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.lx { --brand: #2563eb; --brand-dark: #1d4ed8; --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; --bg: #f8fafc;
  font: 14px/1.5 system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  color: var(--ink); position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; }
button { font: inherit; cursor: pointer; }
button:focus-visible, textarea:focus-visible { outline: 2px solid var(--brand); outline-offset: 2px; }
.launcher { position: relative; width: 56px; height: 56px; border-radius: 50%; border: 0; background: var(--brand);
  color: #fff; display: grid; place-items: center; box-shadow: 0 6px 20px rgba(37, 99, 235, .35); transition: transform .15s; }
.launcher:hover { background: var(--brand-dark); transform: translateY(-1px); }
.launcher svg { width: 26px; height: 26px; }
.badge { position: absolute; top: -2px; right: -2px; min-width: 20px; height: 20px; padding: 0 6px; border-radius: 10px;
  background: #ef4444; color: #fff; font-size: 12px; line-height: 20px; text-align: center; }
.badge[hidden] { display: none; }
.panel { position: absolute; right: 0; bottom: 72px; width: 370px; height: min(580px, calc(100vh - 110px));
  background: #fff; border-radius: 14px; box-shadow: 0 12px 40px rgba(15, 23, 42, .18); display: flex; flex-direction: column;
  overflow: hidden; border: 1px solid var(--line); }
.panel[hidden] { display: none; }
.head { background: var(--brand); color: #fff; padding: 14px 16px; display: flex; align-items: center; gap: 12px; }
.head .titles { flex: 1; min-width: 0; }
.head h2 { margin: 0; font-size: 16px; font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.head p { margin: 2px 0 0; font-size: 12px; opacity: .9; display: flex; align-items: center; gap: 6px; }
.dot { width: 8px; height: 8px; border-radius: 50%; background: #fbbf24; flex: none; }
.dot.on { background: #34d399; }
.icon-btn { background: transparent; border: 0; color: #fff; width: 32px; height: 32px; border-radius: 8px; display: grid; place-items: center; }
.icon-btn:hover { background: rgba(255, 255, 255, .15); }
.icon-btn svg { width: 18px; height: 18px; }
.log { flex: 1; overflow-y: auto; padding: 16px 14px; background: var(--bg); display: flex; flex-direction: column; gap: 10px; }
.greeting { align-self: center; max-width: 90%; text-align: center; color: var(--muted); font-size: 13px; padding: 4px 8px; }
.msg { display: flex; flex-direction: column; max-width: 80%; align-self: flex-start; }
.msg.mine { align-self: flex-end; align-items: flex-end; }
.msg.system { align-self: center; max-width: 90%; }
.who { font-size: 12px; color: var(--muted); margin: 0 4px 2px; }
.bubble { padding: 8px 12px; border-radius: 14px; background: #fff; border: 1px solid var(--line); white-space: pre-wrap;
  word-break: break-word; overflow-wrap: anywhere; }
.msg.mine .bubble { background: var(--brand); color: #fff; border-color: var(--brand); border-bottom-right-radius: 4px; }
.msg:not(.mine) .bubble { border-bottom-left-radius: 4px; }
.msg.system .bubble { background: transparent; border: 0; color: var(--muted); font-size: 12px; text-align: center; }
.msg[data-state="sending"] .bubble { opacity: .65; }
.msg[data-state="failed"] .bubble { background: #fee2e2; color: #991b1b; border-color: #fecaca; }
.meta { font-size: 11px; color: var(--muted); margin: 2px 4px 0; display: flex; gap: 6px; align-items: center; }
.meta button { background: none; border: 0; padding: 0; color: var(--brand); text-decoration: underline; font-size: 11px; }
.alert { margin: 0; padding: 8px 14px; background: #fef3c7; color: #92400e; font-size: 12px; }
.alert[hidden] { display: none; }
.offer { margin: 0; padding: 8px 14px; background: #eff6ff; color: #1e3a8a; font-size: 13px; border-top: 1px solid var(--line); }
.offer[hidden] { display: none; }
.offer p { margin: 0 0 6px; }
.offer-actions { display: flex; gap: 8px; }
.offer-accept { border: 0; border-radius: 8px; background: var(--brand); color: #fff; padding: 4px 12px; font-weight: 600; }
.offer-wait { border: 1px solid var(--brand); border-radius: 8px; background: #fff; color: var(--brand); padding: 4px 12px; }
.offer button:focus-visible { outline: 2px solid #1e3a8a; outline-offset: 2px; }
.compose { display: flex; gap: 8px; align-items: flex-end; padding: 10px 12px; border-top: 1px solid var(--line); background: #fff; }
textarea { flex: 1; resize: none; border: 1px solid var(--line); border-radius: 10px; padding: 8px 10px; font: inherit;
  font-size: 15px; max-height: 120px; min-height: 38px; color: var(--ink); background: #fff; }
.send { border: 0; border-radius: 10px; background: var(--brand); color: #fff; padding: 0 14px; height: 38px; font-weight: 600; }
.send:disabled { background: #93c5fd; cursor: default; }
.foot { text-align: center; font-size: 11px; color: #9ca3af; padding: 0 0 6px; background: #fff; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
.chip { border: 1px solid var(--brand); color: var(--brand); background: #fff; border-radius: 999px; padding: 4px 12px; font-size: 13px; }
.chip:hover:not(:disabled) { background: #eff6ff; }
.chip:disabled { opacity: .5; cursor: default; }
.card { margin-top: 6px; border: 1px solid var(--line); border-radius: 10px; background: #fff; padding: 8px 12px; }
.card-kind { display: block; font-size: 11px; color: var(--muted); }
.card-title { font-weight: 600; color: var(--brand); word-break: break-all; }
.card dl { margin: 6px 0 0; display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; font-size: 13px; }
.card dt { color: var(--muted); }
.card dd { margin: 0; }
.typing { align-self: flex-start; display: flex; gap: 4px; padding: 10px 12px; background: #fff; border: 1px solid var(--line); border-radius: 14px; }
.typing[hidden] { display: none; }
.typing span { width: 6px; height: 6px; border-radius: 50%; background: var(--muted); animation: lx-blink 1.2s infinite; }
.typing span:nth-child(2) { animation-delay: .2s; }
.typing span:nth-child(3) { animation-delay: .4s; }
@keyframes lx-blink { 0%, 80%, 100% { opacity: .3; } 40% { opacity: 1; } }
.human { background: rgba(255, 255, 255, .15); color: #fff; border: 1px solid rgba(255, 255, 255, .5); border-radius: 8px; padding: 4px 8px; font-size: 12px; white-space: nowrap; }
.human:hover { background: rgba(255, 255, 255, .25); }
.survey { align-self: stretch; background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 10px 12px; display: flex; flex-direction: column; gap: 8px; }
.survey fieldset { border: 0; padding: 0; margin: 0; }
.survey legend { font-size: 12px; color: var(--muted); margin-bottom: 4px; }
.survey-title { margin: 0; font-weight: 600; }
.survey-status { margin: 0; font-size: 12px; color: #b45309; }
.scale { display: flex; flex-wrap: wrap; gap: 4px; }
.scale label { position: relative; }
.scale input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.scale span { display: inline-block; min-width: 28px; padding: 4px 6px; text-align: center; border: 1px solid var(--line); border-radius: 6px; cursor: pointer; }
.scale input:checked + span { background: var(--brand); color: #fff; border-color: var(--brand); }
.scale input:focus-visible + span { outline: 2px solid var(--brand); outline-offset: 1px; }
@media (max-width: 480px) {
  .lx { right: 12px; bottom: 12px; }
  .panel { position: fixed; inset: 0; width: auto; height: auto; border-radius: 0; border: 0; }
  .msg { max-width: 88%; }
  .lx.open .launcher { display: none; }
  textarea { font-size: 16px; } /* below 16px, iOS Safari zooms the page on focus */
}
`;
