import path from 'node:path';
import { appHasDatabase } from '@shop/runtime';
import { APP_ENTRY, shopServices } from '../../tools/services/services.mjs';
import { nativeShell } from '../compose/compose-project.js';

describe('the list of services: the apps/ folders', () => {
  it('reads the same in bash (infra/env.sh) as in JavaScript (tools/services/services.mjs), the edge last', async () => {
    const native = (await nativeShell('for s in "${SHOP_SERVICES[@]}"; do echo "$s ${SHOP_SERVICE_PORT[$s]}"; done')).trim().split('\n');
    const services = shopServices();
    expect(native).toEqual(services.map((service) => `${service.name} ${service.port}`));
    expect(services.at(-1)).toMatchObject({ name: 'gateway', edge: true });
    expect(new Set(services.map((service) => service.port)).size).toBe(services.length);
  });

  it('says which apps have a database alike in bash, in JavaScript and in the runtime', async () => {
    const native = (await nativeShell('for s in "${SHOP_SERVICES[@]}"; do service_has_database "$s" && echo "$s yes" || echo "$s no"; done'))
      .trim()
      .split('\n');
    const services = shopServices();
    const yesNo = (has: boolean) => (has ? 'yes' : 'no');
    expect(native).toEqual(services.map((service) => `${service.name} ${yesNo(service.database)}`));
    expect((await nativeShell('echo "${SHOP_DATABASE_SERVICES[*]}"')).trim()).toBe(
      services.filter((service) => service.database).map((service) => service.name).join(' '),
    );
    for (const service of services) {
      // The runtime goes by the package of the app's main script, as runService does.
      const runtime = appHasDatabase(path.join(service.dir, APP_ENTRY));
      expect({ app: service.name, runtime }).toEqual({ app: service.name, runtime: service.database });
    }
    // The one app without: the gateway ("database": false in its package.json).
    expect(services.filter((service) => !service.database).map((service) => service.name)).toEqual(['gateway']);
  });
});
