// `npm run bench`: prints the figures the issues ask for. Run sections by name: npm run bench -- pipeline
import { benchPipeline } from "./pipeline.ts";

const sections: Record<string, () => Promise<string[]>> = {
  pipeline: benchPipeline,
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
for (const [name, run] of Object.entries(sections)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const lines = await run();
  process.stdout.write(lines.join("\n") + "\n\n");
}
