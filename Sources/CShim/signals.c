#define _GNU_SOURCE
#include "agentdeck_signals.h"
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <unistd.h>

static const int ui_signals[] = { SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGQUIT };
#define UI_SIGNAL_COUNT (sizeof(ui_signals) / sizeof(ui_signals[0]))

// Set before the handlers are installed; only read by the handler.
static volatile sig_atomic_t signal_pipe_fd = -1;

int agentdeck_make_pipe(int fds[2]) {
    return pipe2(fds, O_NONBLOCK | O_CLOEXEC);
}

static void write_signal_number(int signal_number) {
    int saved_errno = errno;  // the interrupted code may be about to read errno
    int fd = signal_pipe_fd;
    if (fd >= 0) {
        unsigned char byte = (unsigned char)signal_number;
        // A full pipe drops the byte; the loop has plenty of unread wake-ups already.
        ssize_t ignored = write(fd, &byte, 1);
        (void)ignored;
    }
    errno = saved_errno;
}

int agentdeck_install_signal_pipe(int write_fd) {
    signal_pipe_fd = write_fd;
    struct sigaction action = {0};
    action.sa_handler = write_signal_number;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (size_t i = 0; i < UI_SIGNAL_COUNT; i++) {
        if (sigaction(ui_signals[i], &action, NULL) != 0) return -1;
    }
    struct sigaction ignore = {0};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    return sigaction(SIGPIPE, &ignore, NULL);
}

void agentdeck_remove_signal_pipe(void) {
    struct sigaction standard = {0};
    standard.sa_handler = SIG_DFL;
    sigemptyset(&standard.sa_mask);
    for (size_t i = 0; i < UI_SIGNAL_COUNT; i++) {
        sigaction(ui_signals[i], &standard, NULL);
    }
    signal_pipe_fd = -1;
}

void agentdeck_ignore_hangups(void) {
    struct sigaction ignore = {0};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGHUP, &ignore, NULL);
}

static int change_mask(int how) {
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < UI_SIGNAL_COUNT; i++) sigaddset(&set, ui_signals[i]);
    return pthread_sigmask(how, &set, NULL);
}

int agentdeck_block_ui_signals_in_this_thread(void) { return change_mask(SIG_BLOCK); }
int agentdeck_unblock_ui_signals_in_this_thread(void) { return change_mask(SIG_UNBLOCK); }
