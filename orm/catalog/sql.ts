/** SQL statements that begin and end a transaction when sent as plain queries. */
export const beginSql = /^\s*(?:BEGIN|START\s+TRANSACTION)\b/i;
/** COMMIT, ROLLBACK and END end it; `ROLLBACK TO SAVEPOINT` does not. */
export const endSql = /^\s*(?:COMMIT|END|ROLLBACK(?!\s+TO\b))\b/i;
