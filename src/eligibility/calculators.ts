// Land-transfer income and straw-briquette saving, computed from data/eligibility/calculators.yaml. Pure.
import type { CalculatorsFile } from "./schema.ts";

export interface LandResult {
  /** Undefined when the villager does not know the area ("不知道几亩"). */
  mu?: number | undefined;
  /** The villager's own rent per mu; the seed states none, so without it nothing is reckoned. */
  rentPerMu?: number | undefined;
  leaseYear?: number | undefined;
}

export function computeLandTransfer(mu?: number, rentPerMu?: number): LandResult {
  return rentPerMu === undefined || mu === undefined ? { mu, rentPerMu } : { mu, rentPerMu, leaseYear: round2(mu * rentPerMu) };
}

export interface BiomassResult {
  coalTons: number;
  coalPrice: number;
  priceIsSeed: boolean;
  /** Briquettes needed to replace all the coal: coal × 1.2 … coal × 1.3 tonnes. */
  briquetteTons: [number, number];
  /** The coal bill saved: at least what coal × 1.2 t of briquettes replaces at the worse ratio, at most the whole bill. */
  saving: [number, number];
  /** What one tonne of briquettes is worth in coal money. */
  perBriquetteTon: [number, number];
}

export function computeBiomass(params: CalculatorsFile["biomass"], coalTons: number, coalPrice?: number): BiomassResult {
  const price = coalPrice ?? params.coal_price_per_ton.value;
  const { min, max } = params.briquette_per_coal;
  const made = coalTons * min;
  return {
    coalTons,
    coalPrice: price,
    priceIsSeed: coalPrice === undefined,
    briquetteTons: [round2(coalTons * min), round2(coalTons * max)],
    // Making coal × 1.2 t replaces between (coal × 1.2 / 1.3) and all of the coal, depending on the briquettes.
    saving: [Math.round((made / max) * price), Math.round(coalTons * price)],
    perBriquetteTon: [Math.round(price / max), Math.round(price / min)],
  };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
