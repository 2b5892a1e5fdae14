#include "sim/run/version.hpp"

namespace run {
const char* const kVersion = MHSIM_VERSION;
const char* const kGitSha = MHSIM_GIT_SHA;
}  // namespace run
