// The real app for the HTTP bench, in a process of its own so the load generator does not share its event loop.
// Settings come as JSON in argv[2]; prints the bound port, stops on SIGTERM.
import { createServerApp } from "./project.ts";

const env = JSON.parse(process.argv[2] ?? "{}") as Record<string, string>;
const app = createServerApp(env);
const port = await app.listen();
process.stdout.write(`${port}\n`);
process.once("SIGTERM", () => {
  void app.close().then(() => process.exit(0));
});
