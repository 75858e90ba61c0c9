import Bookshelf from 'bookshelf';
import Knex from 'knex';

const bookshelf = Bookshelf(Knex({ client: 'pg', pool: { min: 0, max: 5 }, acquireConnectionTimeout: 2000 }));
const User = bookshelf.model('User', { tableName: 'users' });

export async function deactivate(id: number): Promise<void> {
  await bookshelf.transaction(async (t) => {
    const user = await User.forge({ id }).fetch();
    await User.where({ id }).fetch({ require: false });
    await user.save({ active: false }, { patch: true, transacting: t });
  });
}
