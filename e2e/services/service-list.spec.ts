import { shopServices } from '../../tools/services/services.mjs';
import { nativeShell } from '../compose/compose-project.js';

describe('the list of services: the apps/ folders', () => {
  it('reads the same in bash (infra/env.sh) as in JavaScript (tools/services/services.mjs), the edge last', async () => {
    const native = (await nativeShell('for s in "${SHOP_SERVICES[@]}"; do echo "$s ${SHOP_SERVICE_PORT[$s]}"; done')).trim().split('\n');
    const services = shopServices();
    expect(native).toEqual(services.map((service) => `${service.name} ${service.port}`));
    expect(services.at(-1)).toMatchObject({ name: 'gateway', edge: true });
    expect(new Set(services.map((service) => service.port)).size).toBe(services.length);
  });
});
