// n8n's backend logger prints every node error to stdout; tests read errors from the run instead.
// Run with N8N_LOG_LEVEL=debug to see it.
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL || 'silent';
