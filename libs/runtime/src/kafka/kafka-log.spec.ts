import { logLevel } from 'kafkajs';
import { kafkaLogLevel } from './kafka-log.js';

describe('kafkaLogLevel', () => {
  it.each([
    ['Connection', logLevel.ERROR, 'Response Metadata(key: 3, version: 6)', 'debug'],
    ['Connection', logLevel.ERROR, 'Connection timeout', 'debug'],
    ['BrokerPool', logLevel.ERROR, 'Failed to connect to seed broker, trying another broker from the list: Connection timeout', 'debug'],
    ['Consumer', logLevel.ERROR, "Crash: KafkaJSProtocolError: The coordinator is loading and hence can't process requests for this group", 'log'],
    ['Consumer', logLevel.ERROR, 'Restarting the consumer in 250ms', 'log'],
    ['Runner', logLevel.ERROR, 'The coordinator is not aware of this member, re-joining the group', 'log'],
    ['Runner', logLevel.ERROR, 'Error when calling eachBatch', 'error'],
    ['Producer', logLevel.WARN, 'Limiting retries for the idempotent producer may invalidate EoS guarantees', 'debug'],
    ['Producer', logLevel.WARN, 'Producer is disconnecting while messages are pending', 'warn'],
    ['Consumer', logLevel.INFO, 'Starting', 'log'],
  ])('%s at kafkajs level %s, "%s": %s', (namespace, level, message, expected) => {
    expect(kafkaLogLevel(namespace, level, message)).toBe(expected);
  });
});
