#ifndef AGENTDECK_CNCURSESW_SHIM_H
#define AGENTDECK_CNCURSESW_SHIM_H
// SwiftPM drops pkg-config -D flags: without this the wide API is invisible.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <wchar.h>
#include <sys/ioctl.h>
#include <ncursesw/curses.h>

// Swift imports neither function-like macros (A_BOLD, KEY_F(n), COLOR_PAIR) nor, in Swift 6
// mode, mutable C globals (stdscr, COLORS, stdin): these wrappers make them plain functions.

// The X/Open wcwidth is hidden by Glibc's Swift module; ncursesw places characters with it.
extern int wcwidth(wchar_t wc);
static inline int agentdeck_wcwidth(wchar_t wc) { return wcwidth(wc); }

static inline WINDOW *agentdeck_stdscr(void) { return stdscr; }
static inline WINDOW *agentdeck_curscr(void) { return curscr; }
static inline int agentdeck_lines(void) { return LINES; }
static inline int agentdeck_cols(void) { return COLS; }
static inline int agentdeck_colors(void) { return COLORS; }
static inline int agentdeck_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *agentdeck_stdin(void) { return stdin; }
static inline FILE *agentdeck_stdout(void) { return stdout; }

static inline attr_t agentdeck_a_normal(void) { return A_NORMAL; }
static inline attr_t agentdeck_a_bold(void) { return A_BOLD; }
static inline attr_t agentdeck_a_dim(void) { return A_DIM; }
static inline attr_t agentdeck_a_reverse(void) { return A_REVERSE; }
static inline attr_t agentdeck_a_underline(void) { return A_UNDERLINE; }
static inline attr_t agentdeck_a_italic(void) { return A_ITALIC; }

static inline int agentdeck_key_f(int n) { return KEY_F(n); }

// The codeset of the current locale (e.g. "UTF-8"), to warn when it cannot show Unicode.
static inline const char *agentdeck_codeset(void) { return nl_langinfo(CODESET); }

// setcchar with an int colour pair (extended colours allow pairs above 32767).
static inline int agentdeck_setcchar(cchar_t *cell, const wchar_t *text, attr_t attributes, int pair) {
    return setcchar(cell, text, attributes, 0, &pair);
}

// getcchar returning the int colour pair.
static inline int agentdeck_getcchar(const cchar_t *cell, wchar_t *text, attr_t *attributes, int *pair) {
    short shortPair = 0;
    return getcchar(cell, text, attributes, &shortPair, pair);
}

// The terminal's size from the kernel (after SIGWINCH). Returns 0, or -1 when fd is no tty.
static inline int agentdeck_terminal_size(int fd, int *rows, int *cols) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return -1;
    *rows = size.ws_row;
    *cols = size.ws_col;
    return 0;
}

// Mouse: left presses and the wheel (buttons 4 and 5) only, reported at once (no click
// detection delay). Returns nonzero when ncurses can report any of them.
static inline int agentdeck_enable_mouse(void) {
    mmask_t old = 0;
    mouseinterval(0);
    return mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, &old) != 0;
}

// Reads the pending mouse event after KEY_MOUSE: 1 left press, 4 wheel up, 5 wheel down,
// 0 anything else, -1 none.
static inline int agentdeck_mouse_event(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return -1;
    *x = event.x;
    *y = event.y;
    if (event.bstate & BUTTON1_PRESSED) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 4;
    if (event.bstate & BUTTON5_PRESSED) return 5;
    return 0;
}
#endif
