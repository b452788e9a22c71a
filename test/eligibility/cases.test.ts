// Runs data/eligibility/cases.yaml: situations → expected programmes, amounts, extracted facts and calculator figures.
import { describe, expect, it } from "vitest";
import { computeBiomass, computeLandTransfer, evaluateAll, extractFacts, loadEligibilityCases, loadEligibilityRules } from "../../src/eligibility/index.ts";
import { foldText } from "../../src/text/fold.ts";

const rules = loadEligibilityRules("data");
const cases = loadEligibilityCases("data", rules);
const on = new Date("2026-06-01T00:00:00Z");

describe("eligibility cases from data/eligibility/cases.yaml", () => {
  it("covers every programme of the seed's disability plan and both calculators", () => {
    const named = new Set(cases.flatMap((c) => (c.kind === "programmes" ? [...c.likely, ...c.unlikely, ...c.unknown, ...c.unstated] : [])));
    for (const p of rules.programmes.programmes) expect(named, p.id).toContain(p.id);
    expect(cases.some((c) => c.kind === "land")).toBe(true);
    expect(cases.some((c) => c.kind === "biomass")).toBe(true);
  });

  for (const c of cases) {
    it(`${c.kind}: ${c.name}`, () => {
      if (c.kind === "programmes") {
        const results = evaluateAll(rules, c.facts, c.on ? new Date(c.on) : on);
        const status = new Map(results.map((r) => [r.programme.id, r]));
        for (const id of c.likely) expect(status.get(id)?.status, `${id} likely`).toBe("likely");
        for (const id of c.unlikely) expect(status.get(id)?.status, `${id} unlikely`).toBe("unlikely");
        for (const id of c.unknown) expect(status.get(id)?.status, `${id} unknown`).toBe("unknown");
        for (const id of c.unstated) expect(status.get(id)?.status, `${id} unstated`).toBe("unstated");
        for (const id of c.close) expect(status.get(id)?.close, `${id} close`).toBe(true);
        for (const [id, expected] of Object.entries(c.year_amounts)) {
          const year = status.get(id)?.amount.year;
          expect(year, `${id} amount`).toEqual(typeof expected === "number" ? [expected, expected] : expected);
        }
      } else if (c.kind === "extract") {
        const { facts } = extractFacts(rules, foldText(c.text));
        // Exact: a fact read that the villager did not say is as wrong as one missed.
        expect(facts).toEqual(c.facts);
      } else if (c.kind === "land") {
        const r = computeLandTransfer(c.mu, c.rent_per_mu);
        expect(r.leaseYear ?? null).toBe(c.lease_year);
      } else {
        const r = computeBiomass(rules.calculators.biomass, c.coal_tons, c.coal_price);
        expect(r.briquetteTons).toEqual(c.briquette_tons);
        expect(r.saving).toEqual(c.saving);
      }
    });
  }
});
