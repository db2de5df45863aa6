import { listEvents } from '@shop/event-contracts/listing';
// The list of apps, as every other tool of the repository reads it (five levels up from src/ or dist/kafka/acl is the root).
import { shopServices } from '../../../../../tools/services/services.mjs';
import { shopKafkaRoles } from './kafka-roles.js';
import { type AclRule, serviceAcls } from './service-acls.js';

/**
 * The ACLs of every app of this checkout: the apps under apps/ and the events
 * their handlers consume, read from their source as `./shop events` reads
 * them. Needs the repository (tools/ and the apps' src/), so it is loaded only
 * when a broker enforces ACLs. A handler whose events cannot be told is an
 * error: an ACL guessed short would show as a consumer refused at run time.
 */
export function shopAcls(): AclRule[] {
  const services = shopServices();
  const { events, unresolved } = listEvents(services);
  if (unresolved.length > 0) {
    const which = unresolved.map(({ app, file, contract }) => `${app}/${file} (${contract})`).join(', ');
    throw new Error(`cannot tell which events these handlers consume, so not their ACLs: ${which}`);
  }
  return serviceAcls(shopKafkaRoles(services, events));
}
