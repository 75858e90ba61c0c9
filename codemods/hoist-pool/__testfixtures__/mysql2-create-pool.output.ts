import mysql from 'mysql2/promise';

const settings = {
  host: process.env.MYSQL_HOST ?? 'localhost',
  user: 'shop',
  database: 'shop',
};

let poolInstance: ReturnType<typeof mysql.createPool> | undefined;
/** Created at first use, then shared by every call. */
function getPool() {
  poolInstance ??= mysql.createPool({ ...settings, connectionLimit: 5, queueLimit: 50 });
  return poolInstance;
}

export class OrderService {
  async recent(customerId: number) {
    const pool = getPool();
    const [rows] = await pool.execute('select * from orders where customer_id = ? order by id desc limit 10', [customerId]);
    return rows;
  }
}
