import { Store } from "./src/store/index.ts";
import { ReportStore } from "./src/store/feedback-lifecycle.ts";
import { countByWeek } from "./src/store/feedback-summary.ts";
const s = Store.open(":memory:"); const r = new ReportStore(s.db);
for (const at of ["2026-10-31T15:59:00.000Z","2026-10-31T16:00:00.000Z","2026-11-10T02:00:00.000Z"]) r.create({ channel: "web", userId: at, chatId: at, text: "x", category: "a", village: "v", place: null, anonymous: false, displayName: null, createdAt: at });
console.log(s.db.prepare("select * from feedback_rollup").all());
console.log(countByWeek(s.db, {}), countByWeek(s.db, { from: "2000-01-01T00:00:01.000Z" }));
