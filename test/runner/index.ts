export { CredentialStore } from './credentials';
export { PACKAGE_NAME } from './package-types';
export { Poller, TestN8n, type RunResult, type WorkflowJson } from './run-workflow';
export { chain, itemsInto, node, packageNodeType } from './workflows';
