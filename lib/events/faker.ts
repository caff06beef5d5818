import { Faker, base, en } from "@faker-js/faker";

/** A fake-data source of its own, seeded so that a run can be reproduced from its seed. */
export function seededFaker(seed: number): Faker {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(seed);
  return faker;
}
