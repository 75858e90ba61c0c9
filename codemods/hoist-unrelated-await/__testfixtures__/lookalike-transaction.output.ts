import { EventStore } from './events';

const store = new EventStore();

// `transaction` of an object that is not a database client: nothing is reported or moved.
export async function record(id: number): Promise<void> {
  await store.transaction(async (batch) => {
    await batch.append({ id });
    await fetch('https://hooks.example.com/recorded', { method: 'POST' });
  });
}
