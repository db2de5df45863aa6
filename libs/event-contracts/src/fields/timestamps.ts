import { z } from 'zod';

export const isoDateTimeSchema = z.iso.datetime({ offset: true }).describe('An ISO 8601 / RFC 3339 date-time.');
