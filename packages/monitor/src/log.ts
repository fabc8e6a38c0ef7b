export type Log = (message: string) => void;

export const consoleLog: Log = (message) => console.log(`${new Date().toISOString()} ${message}`);

/** Logs a problem of one topic (a data source, say) once, and again only when it changes or clears. */
export type Report = (topic: string, problem: string | null) => void;

/** A Report that writes to `log`: no line every cycle for a problem that persists. */
export function createReporter(log: Log): Report {
  const lastErrors = new Map<string, string>();
  return (topic, problem) => {
    const before = lastErrors.get(topic);
    if (problem === null) {
      if (before !== undefined) log(`[giám sát] ${topic}: đã bình thường trở lại.`);
      lastErrors.delete(topic);
    } else if (before !== problem) {
      log(`[giám sát] ${topic}: ${problem}`);
      lastErrors.set(topic, problem);
    }
  };
}
