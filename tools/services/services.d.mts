export interface ShopService {
  /** The folder's name under apps/: the service's name, its consumer group, its database's suffix. */
  name: string;
  /** Its HTTP port in the native run (before SHOP_PORT_OFFSET) and in compose. */
  port: number;
  /** The edge (the gateway): started last, published on the host. */
  edge: boolean;
  /**
   * It has a database of its own (its role, DATABASE_URL, migrations): unless its
   * "shop" block says `"database": false`.
   */
  database: boolean;
  dir: string;
}

/** The program each app runs, relative to its folder: its build's bundle. */
export const APP_ENTRY: string;

/** The services, in start order (the edge last). */
export function shopServices(root?: string): ShopService[];

/** The command line of a file partly generated from apps/: --check exits 1 saying `stale` if it differs, else writes it and says `written`. */
export function writeOrCheckGenerated(file: string, current: string, wanted: string, messages: { stale: string; written: string }): void;
