import mysql from 'mysql2/promise';

export const pool = mysql.createPool({ host: 'localhost', user: 'shop', database: 'shop' }); // orders
