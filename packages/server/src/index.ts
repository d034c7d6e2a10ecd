// Public entry of @iam/server: start the all-in-one in process, its configuration and the demo world.

export { startServer, type StartServerOptions, type RunningServer } from './server.ts';
export { loadServerConfig, loadTryConfig, dialHost, ConfigError, DEMO_ACCOUNT_ID, SERVER_DEFAULTS, ENV, type ServerConfig, type TryConfig } from './config.ts';
export { seedDemo, demoDocuments, DEMO, DEMO_CALLER, type DemoResult } from './demo.ts';
export { DEMO_QUESTIONS, ask, formatAnswer, type DemoQuestion, type Answer } from './questions.ts';
export { curlCreateUserLine, exportKeyLine, KEY_VARIABLE } from './hints.ts';
