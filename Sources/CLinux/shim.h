#ifndef ARGO_LITE_CLINUX_SHIM_H
#define ARGO_LITE_CLINUX_SHIM_H
/* Linux calls a container runtime needs that glibc wraps only as variadics (prctl, syscall) or not at all
   (pivot_root, capset), which Swift cannot call. Typed wrappers; nothing to link. */
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <grp.h>
#include <sys/xattr.h>
#include <spawn.h>
#include <signal.h>

/* pipe2(2) with O_CLOEXEC: both ends close-on-exec from the start, so a process another thread spawns meanwhile
   cannot inherit them (glibc declares pipe2 only under _GNU_SOURCE). */
static inline int argo_pipe_cloexec(int fds[2]) { return (int)syscall(SYS_pipe2, fds, 02000000 /* O_CLOEXEC */); }

/* Spawn attributes for a child that starts with no blocked signals and default dispositions, whatever the
   calling thread had (threads of a Swift process block signals), plus `extra_flags` (POSIX_SPAWN_SETPGROUP...). */
static inline int argo_spawnattr_clean(posix_spawnattr_t *attributes, short extra_flags) {
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(attributes, &none);
    posix_spawnattr_setsigdefault(attributes, &all);
    return posix_spawnattr_setflags(attributes, (short)(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | extra_flags));
}

/* pivot_root(2): move the root mount to put_old and make new_root the root. */
static inline int argo_pivot_root(const char *new_root, const char *put_old) {
    return (int)syscall(SYS_pivot_root, new_root, put_old);
}

/* Drops one capability from the bounding set (needs CAP_SETPCAP). */
static inline int argo_cap_bounding_drop(int cap) { return prctl(PR_CAPBSET_DROP, (unsigned long)cap, 0, 0, 0); }

/* Clears the ambient set. */
static inline int argo_cap_ambient_clear(void) {
    return prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
}

/* Sets the inheritable set to the capabilities in `keep` (bit n = capability n), leaving the permitted and
   effective sets as they are. */
static inline int argo_cap_set_inheritable(unsigned long long keep) {
    struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
    struct __user_cap_data_struct data[2];
    if (syscall(SYS_capget, &header, data) != 0) return -1;
    data[0].inheritable = (unsigned int)(keep & 0xffffffffULL) & data[0].permitted;
    data[1].inheritable = (unsigned int)(keep >> 32) & data[1].permitted;
    return (int)syscall(SYS_capset, &header, data);
}

/* PR_SET_DUMPABLE: 0 keeps processes without CAP_SYS_PTRACE out of this one's /proc entries (root, fd, mem). */
static inline int argo_set_dumpable(int on) { return prctl(PR_SET_DUMPABLE, (unsigned long)on, 0, 0, 0); }

/* PR_SET_PDEATHSIG. */
static inline int argo_set_parent_death_signal(int sig) { return prctl(PR_SET_PDEATHSIG, (unsigned long)sig, 0, 0, 0); }

/* Marks a directory of an overlay's upper layer opaque: the merged view shows none of the lower layers' entries
   in it (trusted.* needs CAP_SYS_ADMIN). */
static inline int argo_overlay_set_opaque(const char *path) {
    return setxattr(path, "trusted.overlay.opaque", "y", 1, 0);
}

/* setgroups(2), declared by <grp.h> only under _DEFAULT_SOURCE. */
static inline int argo_setgroups(size_t n, const gid_t *groups) { return setgroups(n, groups); }

#endif
