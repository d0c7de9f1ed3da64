#ifndef AGENTDECK_SIGNALS_H
#define AGENTDECK_SIGNALS_H
// Signals for the terminal UI, in C because a signal handler may only do async-signal-safe work.

// Creates a pipe with both ends non-blocking and close-on-exec. Returns 0 or -1 (errno set).
int agentdeck_make_pipe(int fds[2]);

// Installs a handler for SIGWINCH, SIGINT, SIGTERM, SIGHUP and SIGQUIT that writes the signal
// number (one byte) to write_fd, and ignores SIGPIPE. The UI loop polls the read end.
// Returns 0 or -1 (errno set).
int agentdeck_install_signal_pipe(int write_fd);

// Restores the default dispositions of those signals and forgets the pipe.
void agentdeck_remove_signal_pipe(void);

// Ignores SIGHUP from now on: after the terminal hung up, more SIGHUPs follow (from the kernel
// and from tmux/ssh) and must not kill the app while it shuts down.
void agentdeck_ignore_hangups(void);

// Blocks those signals in the calling thread (call it before creating the network thread, which
// inherits the mask, or first thing inside it), so only the UI thread ever runs the handler.
// Returns 0 or an error number.
int agentdeck_block_ui_signals_in_this_thread(void);

// Unblocks them again (the UI thread calls this after spawning threads with a blocked mask).
int agentdeck_unblock_ui_signals_in_this_thread(void);
#endif
