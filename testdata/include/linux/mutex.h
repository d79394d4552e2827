#ifndef _TD_LINUX_MUTEX_H
#define _TD_LINUX_MUTEX_H
#include <linux/types.h>
#include <linux/cleanup.h>
struct mutex { int owner; };
#define DEFINE_MUTEX(name) struct mutex name = { 0 }
void mutex_lock(struct mutex *lock);
int mutex_lock_interruptible(struct mutex *lock);
int mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);
/* as with CONFIG_LOCKDEP=n: the check compiles to an evaluation of l */
#define lockdep_assert_held(l) do { (void)(l); } while (0)
DEFINE_GUARD(mutex, struct mutex *, mutex_lock(_T), mutex_unlock(_T))
#endif
