#pragma once

namespace run {
// Set by CMake from the project version and `git rev-parse --short HEAD`.
extern const char* const kVersion;
extern const char* const kGitSha;
}  // namespace run
