import path from 'node:path';
import { boundaryProblem } from './boundaries.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const at = (file: string) => path.join(root, file);

describe('the import boundaries', () => {
  it('lets an app import the libraries and its own files', () => {
    expect(boundaryProblem(at('apps/email/src/main.ts'), '@shop/runtime')).toBeUndefined();
    expect(boundaryProblem(at('apps/email/src/main.ts'), '@shop/runtime/tracing/register')).toBeUndefined();
    expect(boundaryProblem(at('apps/email/src/main.ts'), '@shop/event-contracts')).toBeUndefined();
    expect(boundaryProblem(at('apps/email/src/sending/email-sender.ts'), '../config/email-config.js')).toBeUndefined();
  });

  it('refuses an app importing another app, by path or by package', () => {
    expect(boundaryProblem(at('apps/email/src/main.ts'), '../../order/src/order.module.js')).toMatch(/email → order/);
    expect(boundaryProblem(at('apps/email/src/main.ts'), '@shop/order')).toMatch(/not @shop\/order/);
  });

  it('refuses the contracts importing the runtime or an app, and the runtime importing an app', () => {
    expect(boundaryProblem(at('libs/event-contracts/src/index.ts'), '@shop/runtime')).toMatch(/contracts library imports nothing/);
    expect(boundaryProblem(at('libs/event-contracts/src/index.ts'), '../../runtime/src/index.js')).toMatch(/contracts library imports nothing/);
    expect(boundaryProblem(at('libs/event-contracts/src/index.ts'), './topics.js')).toBeUndefined();
    expect(boundaryProblem(at('libs/runtime/src/index.ts'), '@shop/event-contracts')).toBeUndefined();
    expect(boundaryProblem(at('libs/runtime/src/index.ts'), '../../../apps/order/src/main.js')).toMatch(/runtime imports no app/);
  });
});
