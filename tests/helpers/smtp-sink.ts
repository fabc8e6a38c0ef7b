/**
 * A real SMTP server for the tests, run as its own process: it accepts every message and stores it,
 * with its envelope, as <n>.eml plus <n>.json in a folder.   node tests/helpers/smtp-sink.ts PORT DIR
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

const [port, dir] = [Number(process.argv[2]), process.argv[3] ?? ''];
mkdirSync(dir, { recursive: true });
let count = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      count += 1;
      const name = `${Date.now()}-${process.pid}-${count}`;
      const envelope = { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : false, to: session.envelope.rcptTo.map((r) => r.address) };
      writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(envelope));
      writeFileSync(path.join(dir, `.${name}.tmp`), Buffer.concat(chunks));
      renameSync(path.join(dir, `.${name}.tmp`), path.join(dir, `${name}.eml`));
      callback();
    });
  },
});
server.listen(port, '127.0.0.1', () => {
  // The test stack stops whichever sink is current, also one a test restarted.
  writeFileSync(path.join(dir, '..', 'smtp-sink.pid'), String(process.pid));
  process.stdout.write(`smtp-sink listening on ${port}\n`);
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => server.close(() => process.exit(0)));
