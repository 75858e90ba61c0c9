import { betterSqlite3 } from './better-sqlite3.js';
import { bookshelf } from './bookshelf.js';
import { drizzle } from './drizzle.js';
import { knex } from './knex.js';
import { kysely } from './kysely.js';
import { mikroOrm } from './mikro-orm.js';
import { mysql2 } from './mysql2.js';
import { nodeSqlite } from './node-sqlite.js';
import { objection } from './objection.js';
import { pg } from './pg.js';
import { pgNative } from './pg-native.js';
import { postgres } from './postgres.js';
import { prisma } from './prisma.js';
import { sequelize } from './sequelize.js';
import { slonik } from './slonik.js';
import { syncMysql } from './sync-mysql.js';
import { typeorm } from './typeorm.js';
import type { LibraryCatalog, LibraryId } from './types.js';

export { blocking } from './blocking.js';
export { io } from './io.js';
export { serving } from './serving.js';
export type * from './types.js';

/** Every library the plugin knows, by id. */
export const libraries: Readonly<Record<LibraryId, LibraryCatalog>> = {
  prisma,
  typeorm,
  sequelize,
  knex,
  drizzle,
  kysely,
  'mikro-orm': mikroOrm,
  objection,
  bookshelf,
  pg,
  mysql2,
  postgres,
  slonik,
  'better-sqlite3': betterSqlite3,
  'node-sqlite': nodeSqlite,
  'pg-native': pgNative,
  'sync-mysql': syncMysql,
};

export const libraryIds = Object.keys(libraries) as LibraryId[];
