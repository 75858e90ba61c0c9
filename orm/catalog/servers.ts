import type { ServerFamily } from './types.js';

/**
 * Connection budgets of the database servers, when the project's settings do not give them:
 * PostgreSQL `max_connections` 100 with `superuser_reserved_connections` 3; MySQL and MariaDB
 * `max_connections` 151 (MariaDB keeps one more for a SUPER user beyond it).
 */
export const serverDefaults: Readonly<Record<Exclude<ServerFamily, 'sqlite'>, { readonly label: string; readonly maxConnections: number }>> = {
  postgresql: { label: 'PostgreSQL', maxConnections: 100 },
  mysql: { label: 'MySQL/MariaDB', maxConnections: 151 },
};

/** Connections kept back for administrators (PostgreSQL's `superuser_reserved_connections`). */
export const defaultReservedConnections = 3;

/** How a driver name in an options object (knex `client`, Sequelize `dialect`, TypeORM `type`) maps to a server. */
export const serverOfDriver: Readonly<Record<string, ServerFamily>> = {
  pg: 'postgresql',
  postgres: 'postgresql',
  postgresql: 'postgresql',
  'pg-native': 'postgresql',
  cockroachdb: 'postgresql',
  aurora_postgres: 'postgresql',
  'aurora-postgres': 'postgresql',
  mysql: 'mysql',
  mysql2: 'mysql',
  mariadb: 'mysql',
  'aurora-mysql': 'mysql',
  sqlite: 'sqlite',
  sqlite3: 'sqlite',
  'better-sqlite3': 'sqlite',
  'better-sqlite': 'sqlite',
};
