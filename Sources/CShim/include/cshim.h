#ifndef AGENTDECK_CSHIM_H
#define AGENTDECK_CSHIM_H
// Placeholder: signal -> self-pipe handler lives here (Terminal work).
int agentdeck_shim_version(void);
#endif
