#include "cshim.h"
int agentdeck_shim_version(void) { return 1; }
