/*
 * log.h - the daemon's log: one line per event on stderr, each prefixed
 * with its journald priority ("<3>" error ... "<7>" debug) so that systemd
 * files it at the right level.  Lines above the configured level are not
 * written.  Writing never blocks the caller beyond one write(2).
 */
#ifndef WD_LOG_H
#define WD_LOG_H

enum { L_ERR = 3, L_WARNING = 4, L_NOTICE = 5, L_INFO = 6, L_DEBUG = 7 };

/* Level by name ("err", "warning", "notice", "info", "debug") or digit
 * 3..7; -1 when unknown. */
int log_level_from(const char *s);
void log_msg(int level, int prio, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
