import { z } from 'zod';
import { defineAppConfig } from './app-config.js';
import { ConfigError } from './service-config.js';

const exampleConfig = defineAppConfig(
  z.object({
    EXAMPLE_DELAY_MS: z.coerce.number().int().min(0).default(100),
    EXAMPLE_URL: z.url(),
  }),
);

describe('defineAppConfig', () => {
  const variables = ['EXAMPLE_DELAY_MS', 'EXAMPLE_URL'] as const;
  const saved = Object.fromEntries(variables.map((name) => [name, process.env[name]]));
  afterEach(() => {
    for (const name of variables) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it('parses the settings of an environment, with their defaults', () => {
    expect(exampleConfig.load({ EXAMPLE_URL: 'https://example.com' })).toEqual({
      EXAMPLE_DELAY_MS: 100,
      EXAMPLE_URL: 'https://example.com',
    });
  });

  it('names every bad or missing variable in one error', () => {
    const load = () => exampleConfig.load({ EXAMPLE_DELAY_MS: '-1' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/EXAMPLE_DELAY_MS: .*\n.*EXAMPLE_URL: /);
  });

  it("reads the process's environment once, for the injected settings too", () => {
    const config = defineAppConfig(exampleConfig.schema);
    process.env.EXAMPLE_URL = 'https://first.example.com';
    const first = config.load();
    process.env.EXAMPLE_URL = 'https://second.example.com';
    expect(config.load()).toBe(first);
    expect(config.provider).toMatchObject({ provide: config.token });
    expect(config.provider.useFactory()).toBe(first);
  });

  it('gives every app config its own token', () => {
    expect(defineAppConfig(exampleConfig.schema).token).not.toBe(exampleConfig.token);
  });
});
