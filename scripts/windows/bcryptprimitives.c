/* A stand-in for Windows' bcryptprimitives.dll, for running onsite.exe under Wine 8 (Debian
 * 12) in CI only; never shipped. Rust's standard library gets its random bytes from
 * ProcessPrng in that DLL (Windows 10 and later have it), which Wine 8 lacks, so every Rust
 * program fails to start there ("Library bcryptprimitives.dll ... not found"). This one
 * exports ProcessPrng and fills the buffer from RtlGenRandom (advapi32's SystemFunction036),
 * which Wine has.
 *
 * Built by scripts/windows-flow.sh:
 *   x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll bcryptprimitives.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
