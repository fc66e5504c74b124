import { parseArgs } from 'node:util';
import { startServer } from '../server.ts';

/** `lingxi serve [--roles web,ws,worker,cron] [--port N]`: runs until SIGINT/SIGTERM. Returns -1: keep running. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { roles: { type: 'string' }, port: { type: 'string' } } });
  const env = { ...process.env };
  if (values.roles) env.LINGXI_ROLES = values.roles;
  if (values.port) env.LINGXI_PORT = values.port;
  const server = await startServer({ env });
  const lines = [`Lingxi 灵犀 is running: ${server.url}`];
  if (server.url) {
    lines.push(`  Demo shop with the widget / 演示页面:  ${server.url}/demo`);
    lines.push(`  Agent console / 客服工作台:           ${server.url}/console`);
    lines.push(`  API docs / 接口文档:                  ${server.url}/api/docs`);
  }
  if (server.demo) {
    lines.push('', 'Demo accounts (passwords are shown only this once) / 演示账号（密码只显示这一次）:');
    for (const a of server.demo.accounts) lines.push(`  ${a.role.padEnd(12)} ${a.email.padEnd(32)} ${a.password}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = async (signal: string) => {
    server.ctx.logger.info({ signal }, 'shutting down');
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return -1;
}
