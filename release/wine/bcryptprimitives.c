/* A stand-in for Windows' bcryptprimitives.dll, for running the Windows build of `bulletin`
 * under Wine 8 (Debian 12), which lacks it: Rust's standard library takes its random bytes
 * (HashMap keys) from ProcessPrng there, as Windows 10 and later provide it. scripts/release
 * builds this with mingw-w64 beside the copy it runs under wine; it is never shipped. */
#include <windows.h>
#include <ntsecapi.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
  return RtlGenRandom(data, (ULONG)len);
}
