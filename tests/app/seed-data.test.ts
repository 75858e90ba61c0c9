/**
 * The fixture app's data is a pure function of the number of books: the seed script writes it and
 * the harness derives every expected answer from it.
 */
import { describe, expect, it } from 'vitest';

import { expectedBooks, seedData, seedSizes } from '../../fixtures/app/src/seed-data.js';

describe('seed data', () => {
  it('is deterministic', () => {
    expect(JSON.stringify(seedData(100))).toBe(JSON.stringify(seedData(100)));
  });

  for (const size of seedSizes) {
    it(`${String(size)} books: 1–3 authors and 1–2 genres each, unique ISBNs, stock for every book`, () => {
      const data = seedData(size);
      expect(data.books).toHaveLength(size);
      const books = expectedBooks(data);
      for (const book of books) {
        expect(book.authors.length).toBeGreaterThanOrEqual(1);
        expect(book.authors.length).toBeLessThanOrEqual(3);
        expect(book.genres.length).toBeGreaterThanOrEqual(1);
        expect(book.genres.length).toBeLessThanOrEqual(2);
        expect(new Set(book.authors.map((a) => a.id)).size).toBe(book.authors.length);
        expect(book.stock).toBeGreaterThan(0);
      }
      expect(new Set(data.books.map((b) => b.isbn)).size).toBe(size);
      expect(new Set(data.authors.map((a) => a.name)).size).toBe(data.authors.length);
    });
  }

  it('answers with the key order the app serialises', () => {
    const [book] = expectedBooks(seedData(20));
    expect(Object.keys(book ?? {})).toEqual(['id', 'title', 'isbn', 'priceCents', 'publishedYear', 'stock', 'authors', 'genres']);
  });
});
