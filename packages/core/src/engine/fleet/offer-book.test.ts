import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCloudOffer } from '../../config/parse-entities.js';
import { createOfferBook } from './offer-book.js';

const offer = (offerId: string, vramGb: number, pricePerHourUsd: number) =>
  parseCloudOffer({
    provider: 'p',
    offerId,
    gpuModel: 'RTX 4090',
    gpuCount: 1,
    vramGb,
    pricePerHourUsd,
    region: 'eu',
    reliability: 1,
    uploadMbps: 1,
    downloadMbps: 1,
    interruptible: false,
  });

describe('OfferBook', () => {
  it('sorts by price, then provider and id', () => {
    const book = createOfferBook([offer('b', 24, 1), offer('a', 24, 1), offer('c', 16, 0.5)]);
    expect(book.offers.map((entry) => entry.offerId)).toEqual(['c', 'a', 'b']);
  });

  it('answers VRAM queries exactly like a scan, for any offers and floor', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ vram: fc.constantFrom(8, 16, 24, 48, 80), price: fc.integer({ min: 1, max: 50 }) }), { maxLength: 40 }),
        fc.integer({ min: 0, max: 100 }),
        (entries, floor) => {
          const book = createOfferBook(entries.map((entry, index) => offer(`o${index}`, entry.vram, entry.price / 10)));
          expect(book.withVramAtLeast(floor)).toEqual(book.offers.filter((entry) => entry.vramGb >= floor));
          expect(book.cheapestBelowVram(floor)).toEqual(book.offers.find((entry) => entry.vramGb < floor));
        },
      ),
      { numRuns: 500 },
    );
  });
});
