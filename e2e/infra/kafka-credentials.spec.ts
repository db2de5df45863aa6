import { NativeInstance } from '../support/native-instance.js';

/**
 * infra/kafka/credentials.sh makes a principal's password the first time it
 * is asked for. `./shop up` asks from two processes at once (Kafka's storage
 * format writes the SCRAM users while the supervisor builds the apps'
 * environments), so they must agree: a second password written over the first
 * left one app's login refused by the broker for good.
 */
describe('Kafka passwords made on first use (infra/kafka/credentials.sh)', () => {
  // No infrastructure is started: only the instance's own state folder is used.
  const instance = new NativeInstance(6500, { SHOP_KAFKA_AUTH: 'off' });
  afterAll(() => instance.dispose());

  it('gives every process that asks at once for a new principal the same password', async () => {
    const principals = Array.from({ length: 40 }, (_, i) => `racer-${i}`);
    const askAll = `source infra/lib/common.sh && for p in ${principals.join(' ')}; do echo "$p $(kafka_password "$p")"; done`;
    const answers = await Promise.all(Array.from({ length: 8 }, () => instance.bash(askAll)));
    const onFile = await instance.bash(`source infra/lib/common.sh && for p in ${principals.join(' ')}; do echo "$p $(cat "$(kafka_credentials_dir)/$p")"; done`);
    for (const { stdout } of answers) expect(stdout).toBe(onFile.stdout);
    expect(new Set(onFile.stdout.trim().split('\n').map((line) => line.split(' ')[1])).size).toBe(principals.length);
    const leftovers = await instance.bash('source infra/lib/common.sh && ls "$(kafka_credentials_dir)" | grep -c "\\." || true');
    expect(leftovers.stdout.trim()).toBe('0');
  });
});
