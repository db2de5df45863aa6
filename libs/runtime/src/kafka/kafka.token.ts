/** Injection token of the service's kafkajs client (RuntimeModule provides it). */
export const KAFKA = Symbol('KAFKA');
