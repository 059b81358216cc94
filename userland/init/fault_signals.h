/* SPDX-License-Identifier: MIT */
#ifndef TRIDENT_INIT_FAULT_SIGNALS_H
#define TRIDENT_INIT_FAULT_SIGNALS_H

/*
 * The signal a program is expected to die of, by its name ("fault_ud_32"),
 * or 0 when it is expected to exit normally.
 */
int expected_signal(const char *name);

#endif
