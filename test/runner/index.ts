export { CredentialStore } from './credentials';
export { PACKAGE_NAME, registerTestOnlyPackage, type TestOnlyPackage } from './package-types';
export { Poller, TestN8n, type RunResult, type WorkflowJson } from './run-workflow';
export type { ActiveWorkflow, WebhookCall, WebhookExecution } from './webhook-trigger';
export { chain, itemsInto, node, packageNodeType } from './workflows';
