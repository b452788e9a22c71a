// Land-transfer income and straw-briquette saving, computed from data/eligibility/calculators.yaml. Pure.
import type { CalculatorsFile } from "./schema.ts";

export interface LandResult {
  mu: number;
  rentPerMu: number;
  rentIsExample: boolean;
  leaseYear: number;
  labourExample: { dailyWage: number; days: number; year: number };
}

export function computeLandTransfer(params: CalculatorsFile["land_transfer"], mu: number, rentPerMu?: number): LandResult {
  const rent = rentPerMu ?? params.rent_per_mu.value;
  return {
    mu,
    rentPerMu: rent,
    rentIsExample: rentPerMu === undefined && params.rent_per_mu.example,
    leaseYear: round2(mu * rent),
    labourExample: { dailyWage: params.daily_wage.value, days: params.work_days.value, year: params.daily_wage.value * params.work_days.value },
  };
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
