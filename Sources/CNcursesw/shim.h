#ifndef AGENTDECK_CNCURSESW_SHIM_H
#define AGENTDECK_CNCURSESW_SHIM_H
// SwiftPM drops pkg-config -D flags: without this the wide API is invisible.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#endif
