// ./shop smoke [gateway-url] [--jaeger URL] [--mailpit URL] [--timeout S]: one order
// through a running shop, native or compose, checked from outside; one line per step,
// exit 1 naming the step that failed. Node runs this TypeScript as it is (the shop script).
import { parseArgs } from 'node:util';
import { infra } from '../support/environment.ts';
import { runSmoke } from './smoke-scenario.ts';
import { SmokeStepFailed } from './smoke-step.ts';

// The defaults are the native run's addresses (infra/env.sh, passed on by ./shop), which
// are also the ports docker-compose.yml publishes.
const defaultGateway = process.env.SHOP_GATEWAY_URL ?? 'http://127.0.0.1:3000';
const USAGE = `usage: ./shop smoke [gateway-url] [--jaeger URL] [--mailpit URL] [--timeout S]
  gateway-url  the shop's gateway (default ${defaultGateway})
  --jaeger     Jaeger's query API (default ${infra.jaegerQueryUrl})
  --mailpit    Mailpit's API (default ${infra.mailpitUrl})
  --timeout    seconds each waiting step may take (default 60)
Signs in, places an order, follows it to SHIPPED, reads its trace from Jaeger
(spans of every app) and its e-mails from Mailpit.`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    jaeger: { type: 'string', default: infra.jaegerQueryUrl },
    mailpit: { type: 'string', default: infra.mailpitUrl },
    timeout: { type: 'string', default: '60' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
const timeoutS = Number(values.timeout);
if (values.help || positionals.length > 1 || !(timeoutS > 0)) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 2);
}
const withoutSlash = (url: string) => url.replace(/\/+$/, '');
const target = {
  gatewayUrl: withoutSlash(positionals[0] ?? defaultGateway),
  jaegerQueryUrl: withoutSlash(values.jaeger),
  mailpitUrl: withoutSlash(values.mailpit),
  timeoutMs: timeoutS * 1000,
};

const started = performance.now();
try {
  await runSmoke(target);
  console.log(`[smoke] passed in ${((performance.now() - started) / 1000).toFixed(1)} s: ${target.gatewayUrl}`);
} catch (error) {
  if (!(error instanceof SmokeStepFailed)) throw error;
  console.log(`[smoke] failed at step "${error.step}": ${error.message}`);
  process.exit(1);
}
