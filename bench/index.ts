// `npm run bench`: prints the figures the issues ask for. Each bench/*.bench.ts is one section;
// run some by name: `npm run bench -- pipeline eligibility`.
import { readdirSync } from "node:fs";

interface Section {
  order?: number;
  default: () => Promise<string[]>;
}

const here = new URL(".", import.meta.url);
const files = readdirSync(here).filter((f) => f.endsWith(".bench.ts"));
const sections: Array<{ name: string; module: Section }> = [];
for (const file of files) sections.push({ name: file.replace(/\.bench\.ts$/, ""), module: (await import(new URL(file, here).href)) as Section });
sections.sort((a, b) => (a.module.order ?? 100) - (b.module.order ?? 100));

const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
for (const { name, module } of sections) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const lines = await module.default();
  process.stdout.write(lines.join("\n") + "\n\n");
}
