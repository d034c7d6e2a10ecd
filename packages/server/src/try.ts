// `npm run try`: asks a running all-in-one's PDP about the demo world and prints the decisions with their explanations.

import { createPdpClient } from '@iam/pdp';
import { ConfigError, loadTryConfig, type TryConfig } from './config.ts';
import { curlCreateUserLine, KEY_VARIABLE } from './hints.ts';
import { ask, DEMO_QUESTIONS, formatAnswer } from './questions.ts';

const print = (line = '') => process.stdout.write(line + '\n');

async function run(config: TryConfig): Promise<number> {
  const client = createPdpClient(config.pdpAddress);
  try {
    const answers = await ask(client, DEMO_QUESTIONS(config.accountId));
    print(`PDP ${config.pdpAddress}, world revision ${answers[0]?.result.revision ?? 0}`);
    for (const answer of answers) {
      print();
      for (const line of formatAnswer(answer)) print(line);
    }
    const unexpected = answers.filter((a) => a.result.decision !== a.expected).length;
    print();
    print(unexpected === 0 ? `all ${answers.length} decisions as expected` : `${unexpected} of ${answers.length} decisions unexpected`);
    print();
    print(`Create a user through the admin plane (${KEY_VARIABLE}=<accessKeyId>:<secretAccessKey>, printed by the first start, or a key of the snapshot the store was restored from):`);
    print(`  ${curlCreateUserLine(config.adminUrl, config.accountId)}`);
    return unexpected === 0 ? 0 : 1;
  } catch (err) {
    const e = err as Error & { code?: number; details?: string };
    process.stderr.write(`try: cannot ask the PDP at ${config.pdpAddress}: ${e.details ?? e.message} (is the server running? npm start)\n`);
    return 1;
  } finally {
    client.close();
  }
}

try {
  process.exitCode = await run(loadTryConfig());
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`try: invalid configuration: ${err.message}\n`);
  process.exitCode = 2;
}
