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
/* spinlock.h's shape: spin_lock_irqsave() goes through spinlock_check() */
typedef struct spinlock { int raw; } spinlock_t;
static inline spinlock_t *spinlock_check(spinlock_t *lock) { return lock; }
unsigned long _raw_spin_lock_irqsave(spinlock_t *lock);
#define spin_lock_irqsave(lock, flags) \
	do { flags = _raw_spin_lock_irqsave(spinlock_check(lock)); } while (0)
void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags);
/* as with CONFIG_LOCKDEP=n: the check compiles to an evaluation of l */
#define lockdep_assert_held(l) do { (void)(l); } while (0)
#define lockdep_assert_not_held(l) do { (void)(l); } while (0)
DEFINE_GUARD(mutex, struct mutex *, mutex_lock(_T), mutex_unlock(_T))
#endif
