"""The boot configurations `run.py suite` runs: one list entry each.

Paths are relative to the build directory (--build-dir, `build` by default).
An entry with kernel_args gets an ISO of its own, made by scripts/mkiso.sh
from kernel.elf and initramfs.cpio beside its `iso` with that command line
(the command line lives in the ISO's grub.cfg).
"""

import dataclasses


@dataclasses.dataclass
class BootConfig:
    name: str                      # names the section and the log (harness/NAME.log)
    iso: str = "os.iso"            # relative to the build directory
    emulator: str = "qemu"         # "qemu" or "bochs" (bochs.py)
    cpu: str = "qemu64"            # QEMU -cpu: qemu64 is AMD, Haswell Intel;
                                   # Bochs: corei7_haswell_4770 Intel, ryzen AMD
    kernel_args: list = None       # None: boot `iso` as built
    emulator_args: list = dataclasses.field(default_factory=list)
    expect_exit: int = 0           # init's expected `init exited: status N`
    expect_signal: int = None      # or `init killed: signal N`
    timeout: float = 60.0          # seconds before it is a hang
    compare: bool = False          # compare its results with the host run
    expect_panic: list = None      # regexes of a provoked kernel panic (in order)
    expect_lines: list = None      # regexes some serial line must match, one case each
    required: bool = True          # False: a missing ISO is a note, not a failure
    serial_input: list = None      # (regex, text) steps typed on COM1 (QEMU only):
                                   # wait for the regex in the output, then send text
    grub_timeout: int = None       # with kernel_args: GRUB's menu timeout (None: 0)


# What a fuzzing boot must print: every entry path of each ABI counted.
FUZZ_LINES = [
    r"^# per entry path: syscall64=\d+ syscall-x32=\d+ int80-from-64=\d+ "
    r"compat-syscall-from-64=\d+ sysenter-from-64=\d+$",
    r"^# per entry path: int80=\d+ vdso=\d+ sysenter=\d+ compat-syscall=\d+$",
    r"^# per ABI: 64=\d+ x32=\d+ ia32=\d+$",
    # Calls made by a second task of the worker (a thread or a CLONE_VM
    # process): at least one of each in every ABI.
] + [r"^# fuzz_%s: calls from threads [1-9]\d*, from CLONE_VM processes [1-9]\d* "
       r"\([1-9]\d* came back, \d+ clones failed\)$" % abi
     for abi in ("64", "x32", "32")]

BOOTS = [
    # The default build and boot: ia32 emulation and x32 both on.
    BootConfig("qemu64"),
    # The host Linux is the reference: ia32 on, x32 off (Debian's kernels
    # have syscall.x32=n by default). Its answers are compared with this
    # boot, the same configuration.
    BootConfig("x32-off-at-boot", kernel_args=["syscall.x32=n", "--", "--skip-enoexec"],
               compare=True),
    # CONFIG_IA32_EMULATION=n (make test builds it into no-ia32/) and the
    # boot switch ia32_emulation=0: the IA32-off branch both ways.
    # init's --skip-enoexec: the _32 programs are refused there, as on Linux.
    BootConfig("no-ia32", iso="no-ia32/os.iso", kernel_args=["--", "--skip-enoexec"]),
    BootConfig("ia32-off-at-boot", kernel_args=["ia32_emulation=0", "--", "--skip-enoexec"]),
    # CONFIG_X86_X32_ABI=n (built into no-x32/): as syscall.x32=n.
    BootConfig("no-x32", iso="no-x32/os.iso", kernel_args=["--", "--skip-enoexec"]),
    # Both ABIs off at boot: the fourth configuration of the reference
    # Linux runs (linuxref.py compares each with its Trident boot).
    BootConfig("ia32-off-x32-off", kernel_args=["ia32_emulation=0", "syscall.x32=n",
                                                "--", "--skip-enoexec"]),
    # The default configuration on other CPUs. QEMU with an Intel vendor
    # (TCG warns on stderr about features it cannot emulate: harmless).
    BootConfig("qemu-haswell", cpu="Haswell"),
    # Bochs (bochs.py, the bochsrc of the repository root): its Intel
    # models raise #UD for SYSCALL in compat mode as real Intel CPUs do
    # (QEMU does not), and all its models keep SS's attributes on SYSRET
    # as AMD CPUs do (QEMU does not); docs/emulators.md. The whole suite
    # takes 17-25 s a model; a hang costs the timeout. `make test-bochs`
    # runs only these.
    BootConfig("bochs-haswell", emulator="bochs", cpu="corei7_haswell_4770", timeout=180.0),
    BootConfig("bochs-ryzen", emulator="bochs", cpu="ryzen", timeout=180.0),
    # A raw SYSCALL in 32-bit code of a 64-bit program, ia32 emulation off:
    # an Intel CPU (Bochs's Intel models, like real ones) raises #UD and the
    # program dies of SIGILL; an AMD one goes to ignore_sysret: -ENOSYS.
    # (QEMU's TCG enters on every model, so only Bochs can ask this.)
    BootConfig("bochs-haswell-ia32-off", emulator="bochs", cpu="corei7_haswell_4770",
               timeout=120.0, kernel_args=["ia32_emulation=0", "--", "--skip-enoexec",
                                           "/tests/compat_syscall_64"],
               expect_lines=[r"^# compat SYSCALL: SIGILL$"]),
    BootConfig("bochs-ryzen-ia32-off", emulator="bochs", cpu="ryzen",
               timeout=120.0, kernel_args=["ia32_emulation=0", "--", "--skip-enoexec",
                                           "/tests/compat_syscall_64"],
               expect_lines=[r"^# compat SYSCALL: -ENOSYS$"]),
    # The system-call tracer (syscall.trace=1) on one program of each ABI,
    # through each way in: SYSCALL (64-bit, x32), the vDSO's fast
    # instruction and int $0x80 (ia32); lines decoded from SYSCALL_DEFINE.
    BootConfig("trace", kernel_args=["syscall.trace=1", "--", "/tests/proc_robust_64",
                                     "/tests/proc_robust_x32", "/tests/vdso32_32"],
               expect_lines=[
                   r"^\[\d+ 64 syscall\] set_robust_list\(0x[0-9a-f]+, 24\) = 0$",
                   r"^\[\d+ 64 syscall\] write\(1, \"KTAP version 1\\n\", 15\) = 15$",
                   r"^\[\d+ x32 syscall\] set_robust_list\(\d+, 12\) = 0$",
                   r"^\[\d+ x32 syscall\] get_robust_list\(0, 0x[0-9a-f]+, 0\) = -14$",
                   r"^\[\d+ ia32 syscall32\] write\(1, \"ok 1 AT_SYSINFO is there\\n\", 25\) = 25$",
                   r"^\[\d+ ia32 int80\] getpid\(\) = \d+$",
                   r"^\[\d+ ia32 syscall32\] exit_group\(0\) = \?$",
                   r"^\[1 64 syscall\] wait4\(",
               ]),
    # A fault in kernel mode on purpose: a register dump and a panic.
    BootConfig("kernel-oops", kernel_args=["trident.crash=null"], timeout=30.0,
               expect_panic=[r"^Oops: page fault \(vector 14\)", r"^RIP: 0010:ffffffff8",
                             r"^CR2: 0000000000000000", r"^Kernel panic - not syncing"]),
    # The shell (init=/bin/sh) driven over COM1 as a person would type:
    # each step waits for its pattern (the order is checked there), then
    # types; Enter is "\r". Arguments, tools of each ABI, a failing
    # status, per-program tracing of each ABI and entry path, the line
    # discipline's erase and kill, ^C ending a foreground program (the
    # shell survives), ^D ending cat and then the shell (init's exit).
    BootConfig("shell", kernel_args=["init=/bin/sh"], timeout=120.0, serial_input=[
        (r"trident:/# $", "echo hello   'big world'\r"),
        (r"^hello big world\ntrident:/# $", "ls_32 /bin\r"),
        (r"^uname_x32\ntrident:/# $", "cat_x32 /proc/cmdline\r"),
        (r"^init=/bin/sh\ntrident:/# $", "cat /nonexistent\r"),
        (r"^cat: /nonexistent: No such file or directory\n\[exit 1\]\ntrident:/# $",
         "echo abcX\x7fd\r"),
        (r"^abcd\ntrident:/# $", "echo junk\x15echo killed line\r"),
        (r"^killed line\ntrident:/# $", "trace echo hi\r"),
        (r"^\[\d+ 64 syscall\] write\(1, \"hi\\n\", 3\) = 3\n(.*\n)*?trident:/# $",
         "trace echo_x32 hi\r"),
        (r"^\[\d+ x32 syscall\] write\(1, \"hi\\n\", 3\) = 3\n", "trace echo_32 hi\r"),
        (r"^\[\d+ ia32 syscall32\] write\(1, \"hi\\n\", 3\) = 3\n", "trace int80_32\r"),
        (r"^\[\d+ ia32 int80\] getpid\(\) = \d+\n(.*\n)*?trident:/# $", "echo after\r"),
        (r"^after\ntrident:/# $", "sleep 30\r"),
        (r"sleep 30\n", "\x03", 1.0),
        (r"^\^C\n\[killed: SIGINT\]\ntrident:/# $", "cat\r"),
        (r"cat\n", "typed line\r", 1.0),
        (r"^typed line\ntyped line\n", "\x03"),
        (r"^\^C\n\[killed: SIGINT\]\ntrident:/# $", "cat_32\r"),
        (r"cat_32\n", "last\r\x04", 1.0),
        (r"^last\nlast\ntrident:/# $", "stty -icanon min 0 time 5\r"),
        # Non-canonical reads: VTIME alone ends cat's read (0 bytes: EOF)
        # after half a second; then VMIN 2 makes cat_x32 wait for 2 bytes.
        (r"trident:/# $", "stty\r"),
        (r"^-icanon echo echoe isig icrnl min = 0; time = 5;\ntrident:/# $", "cat\r"),
        (r"cat\ntrident:/# $", "stty min 2 time 0\r"),
        (r"trident:/# $", "cat_x32\r"),
        (r"cat_x32\n", "x", 1.0),
        (r"x", "y", 0.5),
        (r"yxy", "\x03", 0.5),
        (r"\^C\n\[killed: SIGINT\]\ntrident:/# $", "stty sane -echoe\r"),
        # Without ECHOE, ^U shows itself and a newline (ECHOK) and DEL
        # shows ^? instead of rubbing out; what cat reads is the same.
        (r"trident:/# $", "cat\r"),
        (r"cat\n", "ab\x15cdX\x7f\r", 1.0),
        (r"ab\^U\ncdX\^\?\ncd\n", "\x04"),
        (r"trident:/# $", "stty sane\r"),
        (r"trident:/# $", "stty_32\r"),
        (r"^icanon echo echoe isig icrnl min = 1; time = 0;\ntrident:/# $", "abi_32\r"),
        (r"__kernel_vsyscall: SYSCALL \(read from __kernel_vsyscall\)\ntrident:/# $", "\x04"),
    ], expect_lines=[
        r"^\[\d+ 64 syscall\] execve\(\"/bin/echo\", ",
        r"^\[\d+ ia32 syscall32\] write\(1, \"hi\\n\", 3\) = 3$",
        r"^\[\d+ ia32 int80\] getpid\(\) = \d+$",
        r"^\[killed: SIGINT\]$",
        r"^this program:  ia32",
    ]),
    # The GRUB menu as `make run` shows it (a timeout, so it is drawn):
    # the conformance suite is the first entry, the shell the second;
    # pick the shell with the down arrow, then leave it with ^D.
    BootConfig("grub-menu", kernel_args=[], grub_timeout=30, timeout=60.0, serial_input=[
        (r"\*?Trident: conformance suite \(/sbin/init runs /tests\)", None),
        (r"Trident: shell \(/bin/sh; `help`, `abi`, `trace CMD`\)", "\x1b[B", 0.5),
        (r"Trident: shell, x32 off", "\r", 0.5),
        (r"trident:/# $", "uname -a\r"),
        (r"Linux \(none\) 6\.12\.0-trident #1 Trident x86_64\ntrident:/# $", "\x04"),
    ], expect_lines=[r"Command line: init=/bin/sh$"]),
    # The PS/2 keyboard (IRQ 1, scancode set 1) into the same TTY, pressed
    # through QEMU's monitor: Shift, Backspace (DEL: erase), Enter (CR),
    # Ctrl-C ending a program, Ctrl-D ending the shell with the status of
    # its last command (POSIX): 128 + SIGINT.
    BootConfig("keyboard", kernel_args=["init=/bin/sh"], timeout=60.0, expect_exit=130, serial_input=[
        (r"trident:/# $", "keys:e c h o spc shift-h i x backspace shift-1 spc shift-minus ret"),
        (r"^Hi! _\ntrident:/# $", "keys:s l e e p spc 9 ret"),
        (r"sleep 9\n", "keys:ctrl-c", 1.0),
        (r"^\^C\n\[killed: SIGINT\]\ntrident:/# $", "keys:ctrl-d"),
    ], expect_lines=[r"^Hi! _$", r"^\[killed: SIGINT\]$"]),
    # Hardening (docs/security.md). A CPU with SMEP, SMAP and UMIP (QEMU's
    # TCG emulates them in -cpu max; qemu64 has none): the whole suite runs
    # with them on, so every user access of the kernel must go through
    # copy_*_user's STAC window, and the boot log says what is on.
    # QEMU 7.2's far CALL/RET/IRET helpers touch the stack as
    # supervisor accesses (target/i386/seg_helper.c, cpu_*_kernel), so
    # with SMAP on a far return from user mode faults: ldt_modify's
    # far transfers into its LDT code segment die there with SIGSEGV
    # (error code without the user bit). An emulator bug (docs/emulators.md).
    BootConfig("qemu-max", cpu="max",
               kernel_args=["--", "--skip", "ldt_modify_64", "--skip", "ldt_modify_x32",
                            "--skip", "ldt_modify_32"],
               expect_lines=[r"^Hardening: NX on, SMEP on, SMAP on, UMIP on, kernel text "
                             r"read-only on, stack protector on, kernel stack guard pages on"]),
    # Each protection catching its bug on purpose (kernel/crash.c).
    BootConfig("crash-write-text", kernel_args=["trident.crash=write-text"], timeout=30.0,
               expect_panic=[r"^kernel write to read-only page ffffffff8",
                             r"^Oops: page fault \(vector 14\) error 0x3 in kernel mode",
                             r"^Kernel panic - not syncing"]),
    BootConfig("crash-exec-data", kernel_args=["trident.crash=exec-data"], timeout=30.0,
               expect_panic=[r"^NX: the kernel tried to execute non-executable page ffffffff8",
                             r"^Oops: page fault \(vector 14\) error 0x11 in kernel mode",
                             r"^Kernel panic - not syncing"]),
    BootConfig("crash-stack-overflow", kernel_args=["trident.crash=stack-overflow"], timeout=30.0,
               expect_panic=[r"^kernel stack overflow \(double-fault\): guard page ffffc9",
                             r"^Oops: double fault \(vector 8\)",
                             r"^Kernel panic - not syncing"]),
    # The same on each IST stack and on the boot stack: their guard pages
    # (arch/x86_64/stack_guard.c), named in the line.
    *[BootConfig("crash-stack-overflow-" + which,
                 kernel_args=["trident.crash=stack-overflow-" + which], timeout=30.0,
                 expect_panic=[r"^kernel stack overflow \(double-fault\): guard page "
                               r"ffffffff8[0-9a-f]+ hit \(the %s stack\)" % name,
                               r"^Oops: double fault \(vector 8\)",
                               r"^Kernel panic - not syncing"])
      for which, name in (("df", "#DF IST"), ("nmi", "NMI IST"), ("db", "#DB IST"),
                          ("boot", "boot"))],
    BootConfig("crash-stack-protector", kernel_args=["trident.crash=stack-protector"],
               timeout=30.0,
               expect_panic=[r"^Kernel panic - not syncing: stack-protector: Kernel stack "
                             r"is corrupted in: 0xffffffff8"]),
    BootConfig("crash-read-user", cpu="max", kernel_args=["trident.crash=read-user"],
               timeout=30.0,
               expect_panic=[r"^SMAP: kernel access to user address 00007ff",
                             r"^Oops: page fault \(vector 14\) error 0x1 in kernel mode",
                             r"^Kernel panic - not syncing"]),
    BootConfig("crash-exec-user", cpu="max", kernel_args=["trident.crash=exec-user"],
               timeout=30.0,
               expect_panic=[r"^SMEP: the kernel tried to execute user address 0000000000",
                             r"^Oops: page fault \(vector 14\) error 0x11 in kernel mode",
                             r"^Kernel panic - not syncing"]),
    # CONFIG_UBSAN=y (built into ubsan/): every test program under the
    # undefined-behaviour checks (a report panics), and one provoked.
    BootConfig("ubsan", iso="ubsan/os.iso",
               expect_lines=[r"^Hardening: .* UBSAN on$"]),
    BootConfig("crash-ubsan", iso="ubsan/os.iso", kernel_args=["trident.crash=ubsan"],
               timeout=30.0,
               expect_panic=[r"^UBSAN: signed integer overflow \(\+\) in kernel/crash.c:\d+:\d+",
                             r"^Kernel panic - not syncing: UBSAN"]),
    # The system-call fuzzer (userland/fuzz), a short campaign across the
    # three ABIs and every entry path: no panic, no hang, and the memory
    # check at init's end equal to its start. `make fuzz COUNT=N` runs a
    # long one (its own boot, outside the suite).
    # 200,000 calls take about 15 s of QEMU alone (docs/security.md); the
    # workers' fault lines are rate-limited (printk_ratelimit: 10 in 5 s),
    # so some must have been suppressed.
    BootConfig("fuzz", kernel_args=["FUZZ_SEED=1", "FUZZ_COUNT=200000", "--",
                                    "--timeout", "900", "/sbin/fuzz_64"], timeout=900.0,
               expect_lines=FUZZ_LINES + [r"^(show_signal|signal_fault): \d+ callbacks "
                                          r"suppressed$"]),
    # A shorter one under CONFIG_UBSAN: undefined behaviour the calls reach panics.
    BootConfig("fuzz-ubsan", iso="ubsan/os.iso",
               kernel_args=["FUZZ_SEED=2", "FUZZ_COUNT=60000", "--", "--timeout", "900",
                            "/sbin/fuzz_64"], timeout=600.0, expect_lines=FUZZ_LINES),
    # nofsgsbase on a CPU with FSGSBASE: CR4.FSGSBASE stays off, as on
    # Linux; fsgsbase_64 sees no HWCAP2_FSGSBASE, rdfsbase raises SIGILL.
    BootConfig("haswell-nofsgsbase", cpu="Haswell", timeout=60.0,
               kernel_args=["nofsgsbase", "--", "/tests/fsgsbase_64"],
               expect_lines=[r"^FSGSBASE disabled via kernel command line$",
                             r"^CPU: FSGSBASE off$",
                             r"^1\.\.0 # SKIP FSGSBASE not enabled: no HWCAP2_FSGSBASE, "
                             r"rdfsbase raises SIGILL$"]),
    # More configurations, one line each, for example:
    # BootConfig("skylake-ia32-off", emulator="bochs", cpu="corei7_skylake_x",
    #            kernel_args=["ia32_emulation=0", "--", "--skip-enoexec"]),
]
