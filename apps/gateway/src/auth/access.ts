import { SetMetadata } from '@nestjs/common';

/**
 * Who may call a route. Without a decorator a route is for customers (a
 * bearer token); `@Public()` needs no credentials (health, the documents, the
 * storefront's assets); `@OperatorOnly()` needs an operator's API key;
 * `@SignedIn()` either (what any caller of the shop may read, a trace).
 */
export type Access = 'public' | 'customer' | 'operator' | 'signed-in';

export const ACCESS_METADATA = 'shop:access';

export const Public = () => SetMetadata(ACCESS_METADATA, 'public' satisfies Access);
export const OperatorOnly = () => SetMetadata(ACCESS_METADATA, 'operator' satisfies Access);
export const SignedIn = () => SetMetadata(ACCESS_METADATA, 'signed-in' satisfies Access);
